// One lint config for every workspace (`npm run lint` runs it with --max-warnings 0, so a warning
// fails CI like an error). Non-type-checked typescript-eslint rules keep it fast on two cores;
// `npm run typecheck` already covers what the type-aware rules would add. Formatting belongs to
// Prettier alone: eslint-config-prettier comes last and turns off every rule it would fight.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Time is read through `deps.now()` so tests can move the clock; only main.ts wires the real one. */
const oneClock = [
  {
    selector: "CallExpression[callee.type='MemberExpression'][callee.object.name='Date'][callee.property.name='now']",
    message: 'Read time through deps.now() (one clock); only bff/src/main.ts wires the real clock.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Read time through deps.now() (one clock); only bff/src/main.ts wires the real clock.',
  },
  {
    selector: "CallExpression[callee.type='Identifier'][callee.name='Date']",
    message: 'Read time through deps.now() (one clock); only bff/src/main.ts wires the real clock.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/coverage/',
      '.data/',
      'db/drizzle/',
      // Generated from the BFF's OpenAPI document; its freshness is checked, not its style.
      'miniapp/src/services/api.gen.ts',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberate (unused parameters of a port, rest-omitted fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Node workspaces and every tool/config file.
  {
    files: ['db/**', 'bff/**', 'scripts/**', 'miniapp/config/**', 'miniapp/tools/**', '*.{js,mjs,cjs,ts}', '*/*.{js,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // CommonJS config files (jest, babel, dependency-cruiser).
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Tests of every workspace.
  {
    files: ['*/test/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  // The mini-program: browser (H5) plus the WeChat runtime and Taro's build-time constants.
  {
    files: ['miniapp/src/**', 'miniapp/types/**'],
    languageOptions: {
      globals: {
        ...globals.browser,
        wx: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        Component: 'readonly',
        // `defineConstants` in miniapp/config/index.ts; Taro replaces process.env.TARO_ENV with a literal.
        API_BASE: 'readonly',
        SANDBOX_BASE: 'readonly',
        process: 'readonly',
      },
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // One clock in the BFF.
  {
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/main.ts'],
    rules: { 'no-restricted-syntax': ['error', ...oneClock] },
  },
  prettier,
);
