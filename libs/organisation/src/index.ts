export * from './organisation.module.js';
export * from './authority/authority.service.js';
export * from './units/units.service.js';
export * from './entities/index.js';
export * from './domain/unit-tree.js';
export * from './role-holders.js';
