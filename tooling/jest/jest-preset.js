/**
 * Shared jest configuration. Tests run as native ESM (node --experimental-vm-modules) so that
 * they load other workspace packages exactly as users do: through their built `dist/` entry.
 * Sources of the package under test are compiled on the fly by SWC.
 *
 * @param {{ testTimeout?: number }} [overrides]
 */
export function jestPreset(overrides = {}) {
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    roots: ['<rootDir>/test', '<rootDir>/src'],
    testMatch: ['**/*.test.ts'],
    // Source imports carry `.js` extensions (NodeNext); point them at the `.ts` files.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2023', keepClassNames: true },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    testTimeout: overrides.testTimeout ?? 20_000,
    ...overrides,
  };
}
