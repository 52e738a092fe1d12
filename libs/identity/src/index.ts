export * from './identity.module.js';
export * from './authentication.service.js';
export * from './token-verifier.service.js';
export * from './auth.dto.js';
