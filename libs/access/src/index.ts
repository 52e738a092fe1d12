export * from './domain/role.js';
export * from './domain/grant.js';
export * from './domain/policy.js';
export * from './domain/actions.js';
export * from './principal.js';
export * from './policy.decorator.js';
