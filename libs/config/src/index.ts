export * from './config.schema.js';
export * from './flyt-config.js';
export * from './configuration-invalid.error.js';
export * from './config.module.js';
export * from './deadline-rules.schema.js';
