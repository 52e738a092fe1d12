import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through libs/config: the environment is read once at start-up and validated there.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(skip|only)$/]", message: 'No skipped or focused tests.' },
        { selector: "Property[key.name='synchronize'][value.value=true]", message: 'Use migrations, never synchronize.' },
      ],
    },
  },
  {
    files: ['libs/config/src/**', 'libs/testing/src/**', 'test/**', 'bench/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/*/src/main.ts', '**/*.main.ts', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Plain Node scripts, outside the TypeScript program.
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
