import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'artifacts/', '.tmp/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // One-way imports (DESIGN.md): protocols use core and operators; core never imports a protocol; operators
  // import nothing of ours but errors; a protocol never imports another; a conversation knows no protocol.
  boundary(
    'src/core/**',
    ['**/protocols/**', '**/conversation/**', '**/angular/**', '**/cli/**', '**/testing/**', '**/server/**'],
    'core is protocol-independent: move what a protocol needs into its folder under src/protocols/',
  ),
  boundary(
    'src/operators/**',
    [
      '**/core/**',
      '**/protocols/**',
      '**/conversation/**',
      '**/angular/**',
      '**/cli/**',
      '**/testing/**',
      '**/tokenizer/**',
      '**/server/**',
    ],
    'aivvm-rx/operators imports rxjs and ../errors only',
  ),
  // aivvm-rx/server (Node only) uses the core through the public root entry ('..'), like aivvm-rx/angular.
  boundary(
    'src/server/**',
    ['../core/**', '../protocols/**', '../operators/**', '../errors', '../conversation/**', '../testing/**'],
    "aivvm-rx/server imports the core as '..' (the public root entry) only",
  ),
  boundary(
    'src/conversation/**',
    ['**/protocols/**', '**/angular/**', '**/cli/**', '**/testing/**'],
    'a conversation knows no protocol: its adapters (aivvmComplete, openaiComplete) live in src/protocols/<name>/',
  ),
  // The local server stands for someone else's service: it depends on none of the client's modules.
  boundary(
    'src/testing/**',
    [
      '**/core/**',
      '**/protocols/**',
      '**/errors',
      '**/errors/**',
      '**/operators/**',
      '**/conversation/**',
      '**/json/**',
      '**/tools/**',
      '**/angular/**',
      '**/cli/**',
      '**/tokenizer/**',
    ],
    'aivvm-rx/testing depends on no client module: keep a copy of what it shares (spec it equal), as serverModels does',
  ),
  boundary(
    'src/protocols/aivvm/**',
    ['**/protocols/openai/**', '../openai/**'],
    'a protocol never imports another',
  ),
  boundary(
    'src/protocols/openai/**',
    ['**/protocols/aivvm/**', '../aivvm/**'],
    'a protocol never imports another',
  ),
);

function boundary(files, group, message) {
  return {
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  };
}
