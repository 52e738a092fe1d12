export * from './csv.js';
export * from './pdf-text.js';
