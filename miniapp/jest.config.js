/**
 * Unit tests for the mini-program's pure modules (no Taro runtime); pages are covered by the
 * Playwright tests in scripts/test/e2e against the H5 build.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'miniapp',
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
};
