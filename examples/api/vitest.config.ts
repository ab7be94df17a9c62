import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts its own app, with a first Prisma connection and the
    // migrations, on a real database.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
