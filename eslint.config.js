// Flat config: typescript-eslint with type information for the Node side and the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'artifacts/**', '.kiosk-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // CommonJS build hooks run by electron-builder.
    files: ['build/**/*.cjs', '*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Plain-JavaScript pages served by the simulators (no build step).
    files: ['native-mocks/**/panel/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  {
    // The only place that may import 'electron'.
    files: ['electron/core/**', 'electron/devices/**', 'electron/contract/**', 'electron/browser-shell/**', 'renderer/**', 'native-mocks/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only electron/shell may import 'electron'." }] }] },
  },
);
