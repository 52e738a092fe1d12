export * from './problem.js';
export * from './problem-details.filter.js';
export * from './request-id.js';
export * from './pino-logger.js';
export * from './validation.js';
export * from './api-docs.js';
export * from './configure-http.js';
export * from './common.schemas.js';
