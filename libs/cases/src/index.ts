export * from './cases.module.js';
export * from './cases.service.js';
export * from './case.dto.js';
export * from './domain/case-data.js';
export * from './domain/case-roles.js';
export * from './domain/case-editing.js';
export * from './domain/cost-benefit.js';
export * from './domain/visibility.js';
