export * from './projects.module.js';
export * from './project.registration.js';
export * from './benefits-followup.registration.js';
export * from './projects.service.js';
