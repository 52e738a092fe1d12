export * from './redis.module.js';
export * from './job-registry.js';
export * from './worker-host.service.js';
export * from './recurring-schedules.js';
export * from './installation.js';
