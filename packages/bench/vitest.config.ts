import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run starts every variant as a child process, one at a time.
    testTimeout: 360_000,
  },
});
