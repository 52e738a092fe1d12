export * from './domain/job-ids.js';
export * from './domain/retry.js';
export * from './domain/outbox-row.js';
export * from './outbox-dispatcher.js';
export * from './outbox-relay.service.js';
export * from './outbox.module.js';
