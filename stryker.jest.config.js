// The jest configuration StrykerJS runs (stryker.config.mjs): the unit project's settings, restricted to the tests
// of the domain core (shared/domain), so that a half-done edit elsewhere in the tree cannot fail the initial run.
// The property tests (*.property.test.ts) are left out: each takes seconds and covers nearly every mutant, so they
// would run for each one (jest runs the slowest file first); the cited tables must kill mutants on their own.
const { projects } = require('./jest.config.js');

const unit = projects.find((p) => p.displayName === 'unit');
const { displayName: _displayName, testMatch: _testMatch, ...settings } = unit;

module.exports = {
  ...settings,
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/test/unit/domain/**/*.test.ts',
    '<rootDir>/test/unit/{campaign-state,council,ranking,recipients,results,vn-date}.test.ts',
    '<rootDir>/test/unit/{decide.table,scoring}.test.ts',
  ],
  testTimeout: 60000,
};
