// `npm run test:reliability`: the suites that prove the privacy, security and reliability claims
// of docs/reliability.md (authz matrix, fuzz, concurrency, crash safety, restarts, PII at rest).
// Same PostgreSQL set-up as `npm test`; one file at a time, since several start servers.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/cheap-password-hashing.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
})
