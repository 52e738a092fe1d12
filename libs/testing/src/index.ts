export * from './test-run.js';
export * from './test-database.js';
export * from './test-template.js';
export * from './factories.js';
