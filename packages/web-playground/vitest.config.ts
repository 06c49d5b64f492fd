import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web-playground',
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
