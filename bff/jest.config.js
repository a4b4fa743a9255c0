/** @type {import('jest').Config} */
module.exports = {
  displayName: 'bff',
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  // Workspace packages resolve to their TypeScript sources, as in dev.
  testEnvironmentOptions: { customExportConditions: ['shop-source', 'node', 'node-addons'] },
  // Every answer of a documented route is checked against the schema it declares (the contract
  // the mini-program's generated types come from).
  setupFilesAfterEnv: ['<rootDir>/test/support/contract.ts'],
};
