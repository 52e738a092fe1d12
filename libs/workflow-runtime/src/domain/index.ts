// What a pure machine in workflows/ may import from the runtime: the vocabulary of a workflow's
// definition and the platform's actions, with no Nest, no database and no clock behind them.
export * from './workflow-definition.js';
export * from './platform-actions.js';
export * from './workflow-event.js';
export * from './state-meta.js';
export * from './text.js';
