import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web-parent',
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // A browser waits on a busy CI box for what a person would wait for; polls give it that long, not a second.
    expect: { poll: { timeout: 15_000 } },
  },
});
