import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/api', 'packages/web-shared', 'packages/web-parent', 'packages/web-provider', 'packages/web-playground', 'bench'],
  },
});
