export * from './config/node-config.schema.js';
export * from './config/load-config.js';
export * from './server/run-server.js';
export * from './main.js';
