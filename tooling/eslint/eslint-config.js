import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Shared lint rules. Syntax-level rules only (no type-aware pass), so lint stays fast; the
 * compiler's strict mode covers the rest.
 */
export const eslintConfig = tseslint.config(
  { ignores: ['dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an `as const` array or object instead of enum.' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@artemis/*/src', '@artemis/*/src/*'], message: 'Import the package, not its src/.' },
            { group: ['../../*/src/*', '../../../packages/*', '../../../apps/*'], message: 'Do not reach into another package.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
