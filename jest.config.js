/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/db', '<rootDir>/bff', '<rootDir>/scripts'],
  // Two cores on CI; each test file gets its own database, so files may run in parallel.
  maxWorkers: 2,
};
