import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{target,scenarios,bots,engine,reports,cli,bench,examples}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
