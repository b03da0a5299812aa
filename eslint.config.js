// Import boundaries live here so they are enforced by the linter, not by memory (STYLE.md habit 2).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

const only = (what, where) => ({
  name: what,
  message: `${what} may only be imported in ${where}.`,
});
const onlyPattern = (group, what, where) => ({
  group,
  message: `${what} may only be imported in ${where}.`,
});

const clientRestricted = {
  paths: [only('jssip', 'src/sip/'), only('dexie', 'src/store/')],
  patterns: [onlyPattern(['dexie/*', 'jssip/*'], 'dexie and jssip', 'src/store/ and src/sip/')],
};
const serverRestricted = {
  paths: [
    only('kysely', 'server/src/db/'),
    only('better-sqlite3', 'server/src/db/'),
    only('pg', 'server/src/db/'),
  ],
  patterns: [],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'server/dist',
      'data',
      '.run',
      'test-results',
      'playwright-report',
      'bench-results',
      'dev-dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...solid,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/sip/**', 'src/store/**'],
    rules: { 'no-restricted-imports': ['error', clientRestricted] },
  },
  {
    files: ['src/sip/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [only('dexie', 'src/store/')] }] },
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [only('jssip', 'src/sip/')] }] },
  },
  {
    // fetch to our server only from src/api/.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/api/**', 'src/sw/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call our server through src/api/ only.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Call our server through src/api/ only.' },
      ],
    },
  },
  {
    // The domain core imports nothing with side effects.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Only siblings ('./x'): gitignore-style groups cannot express that.
              regex: '^(?!\\./)',
              message: 'src/domain/ is pure: it imports only itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sw/**/*.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/db/**'],
    rules: { 'no-restricted-imports': ['error', serverRestricted] },
  },
);
