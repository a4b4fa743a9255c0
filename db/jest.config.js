/** @type {import('jest').Config} */
module.exports = {
  displayName: 'db',
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  // Workspace packages resolve to their TypeScript sources, as in dev.
  testEnvironmentOptions: { customExportConditions: ['shop-source', 'node', 'node-addons'] },
};
