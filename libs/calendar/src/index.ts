export * from './domain/norwegian-calendar.js';
export * from './domain/deadline-rules.js';
export * from './calendar-deadline-policy.js';
export * from './calendar.module.js';
