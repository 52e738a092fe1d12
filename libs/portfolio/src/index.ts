export * from './domain/index.js';
export * from './portfolio.module.js';
export * from './priority-round.registration.js';
export * from './rounds.service.js';
export * from './round.dto.js';
