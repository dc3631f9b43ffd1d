export * from './api-error';
export * from './transport';
export * from './console-api';
export * from './log-kinds';
