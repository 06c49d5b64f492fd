import { precompress } from '@navigator/web-shared/vite-plugin-precompress';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The API serves this build at /graphql, beside the endpoint itself.
  base: '/graphql/',
  plugins: [react(), precompress()],
  resolve: { dedupe: ['react', 'react-dom', 'graphql'] },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 5000 },
});
