import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The PostgreSQL server first: it must make its folder in the system's temporary folder, before TMPDIR moves.
    globalSetup: ['test/support/postgres-server.ts', 'test/support/temporary-root.ts'],
  },
});
