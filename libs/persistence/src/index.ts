export * from './database-url.js';
export * from './ensure-database.js';
export * from './server-reachability.js';
export * from './data-source-options.js';
export * from './run-migrations.js';
export * from './persistence.module.js';
export { MIGRATIONS } from './migrations/index.js';
export * from './sql-text.js';
