// Three projects, as in aws-samples/serverless-test-samples: pure units, the CDK stack,
// and integration tests against the local twin's real components (DynamoDB Local, SES emulator).
// A suite that starts Java (DynamoDB Local) is an integration suite: test/integration/local/.
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];
const transform = { '^.+\\.(ts|js|mjs)$': swc };
// middy ships ESM only, exported under the `import` condition alone: map it to its file and let swc
// turn it into CommonJS like our own code (jest's module system is CommonJS).
const moduleNameMapper = {
  '^#shared/(.*)$': '<rootDir>/shared/$1',
  '^#infra/(.*)$': '<rootDir>/infra/$1',
  '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
};
// file-type 22 is ESM only, as are the packages it imports; jest's own require(esm) needs
// --experimental-vm-modules, so swc compiles them to CommonJS too (shared/files/kinds.ts).
const transformIgnorePatterns = ['/node_modules/(?!(@middy|file-type|strtok3|token-types|@tokenizer/inflate|uint8array-extras|@borewit/text-codec)/)'];
// setup-env.ts: Powertools in test mode (POWERTOOLS_DEV, metrics disabled), so no EMF JSON in the output.
const setupFiles = ['<rootDir>/test/setup-env.ts'];
// Stryker's sandboxes are copies of the project: never part of a run.
const ignored = ['<rootDir>/.stryker-tmp/', '<rootDir>/reports/'];
const common = {
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  setupFiles,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  modulePathIgnorePatterns: ignored,
  testPathIgnorePatterns: ['/node_modules/', ...ignored],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
  testTimeout: 60000,
};
