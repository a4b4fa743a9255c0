/**
 * `npm run test:faults` only (scripts/src/test-faults.ts): fault scenarios against spawned
 * processes. Not a project of the root jest config, so `npm test` does not run them.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'faults',
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/faults'],
  testMatch: ['<rootDir>/faults/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironmentOptions: { customExportConditions: ['shop-source', 'node', 'node-addons'] },
  // Each file starts MariaDB, Redis, the sandbox and the BFF, then kills some of them.
  testTimeout: 180_000,
  // One file at a time: they share the two cores with whatever else runs.
  maxWorkers: 1,
};
