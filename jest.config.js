// Jest runs the TypeScript sources as ESM: Nest 12 is ESM-only, and Jest's default CommonJS mode cannot load it.
/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  moduleNameMapper: {
    '^#flyt/workflow-runtime/domain$': '<rootDir>/libs/workflow-runtime/src/domain/index.ts',
    '^#flyt/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^#workflows/(.*)$': '<rootDir>/workflows/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,workflows,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
