// Lint rules, including the import boundaries that keep each folder in its trust zone
// (see README "Layout"). Each boundary rule was checked once against a planted violation.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'This folder must not use Node.' })), patterns: [{ group: ['node:*'], message: 'This folder must not use Node.' }] };
const noElectron = (message) => ({ name: 'electron', message });

const restrictImports = (extra) => ['error', extra];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })] },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './renderer', from: ['./electron', './server', './e2e', './scripts'], message: 'The renderer talks to its host only through window.tandem.' },
            { target: './shared', from: ['./electron', './server', './renderer', './e2e', './scripts'], message: 'shared/ holds contracts only.' },
            { target: './server', from: ['./electron', './renderer'], message: 'The server never depends on the apps.' },
            { target: './electron/services', from: ['./electron/main', './electron/preload', './renderer', './server'], message: 'Services are plain Node, below the Electron glue.' },
            { target: './electron/preload', from: ['./electron/main', './electron/services', './renderer', './server'], message: 'The preload is the bridge only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**', 'shared/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports({ ...noNode, paths: [...noNode.paths, noElectron('No Electron here.')] }) },
  },
  {
    files: ['server/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports({ paths: [noElectron('The server never imports Electron.'), { name: 'electron-store', message: 'Not on the server.' }] }) },
  },
  {
    files: ['electron/services/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports({ paths: [noElectron('Services are plain Node: pass Electron features in as dependencies.'), { name: 'electron-store', message: 'Imports electron at load time; inject a backend.' }] }) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**'],
    rules: {
      // Playwright fixtures take `{}` when they use no other fixture.
      'no-empty-pattern': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
