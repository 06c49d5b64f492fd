import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/provider/',
  plugins: [react()],
  server: { proxy: { '/graphql': 'http://localhost:4000', '/reports': 'http://localhost:4000' } },
  build: { outDir: 'dist', sourcemap: false },
});
