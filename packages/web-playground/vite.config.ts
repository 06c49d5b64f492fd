import { precompress } from '@navigator/web-shared/vite-plugin-precompress';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The API serves this build at /graphql, beside the endpoint itself.
  base: '/graphql/',
  plugins: [react(), precompress()],
  resolve: { dedupe: ['react', 'react-dom', 'graphql'] },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // Monaco is one large chunk by design; the page is for developers, not for parents on phones.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // GraphiQL's React Compiler directives ("use no memo") are harmless to drop.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
