// Mutation testing of the domain core (issue 17): `npm run mutate`. While working on one file:
//   npx stryker run --mutate shared/domain/council.ts
// Incremental: the results of the last run are kept in reports/ (gitignored), and only mutants whose code or
// covering tests changed are run again. One test process (concurrency 1): the machine's other core stays free.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  mutate: ['shared/domain/**/*.ts'],
  // Static mutants (module-level constants: the rule sets' citations, the labels) would each need every test run
  // again; they are left out, and the citations are checked by the cited cases instead.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 10000,
  // Outside the tree: a sandbox inside it would give every other jest run a second package.json (haste collision).
  tempDirName: '/tmp/thidua-stryker',
  ignorePatterns: ['cdk.out', '.local', 'coverage', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
};
