export * from './domain.error.js';
export * from './clock.js';
export * from './oslo-calendar.js';
