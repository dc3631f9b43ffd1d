export * from './console-admin';
export * from './errors';
export * from './log-kinds';
