import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // Angular ships ES modules only: turned into CommonJS for the spec/angular specs.
    '^.+\\.mjs$': '<rootDir>/spec/angular/esmToCjs.mjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@angular/)'],
  // Network specs start real servers; a hang must fail, not stall CI.
  testTimeout: 20_000,
};

export default config;
