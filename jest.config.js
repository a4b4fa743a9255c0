/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/db', '<rootDir>/bff', '<rootDir>/scripts', '<rootDir>/miniapp'],
  // Two cores on CI; each test file gets its own database, so files may run in parallel.
  maxWorkers: 2,
  // A global option (ignored inside projects): real servers and RSA key generation take seconds.
  testTimeout: 30000,
};
