export * from './demo-organisation.js';
export * from './load-demo-data.js';
