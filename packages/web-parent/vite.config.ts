import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { inlineGraphqlDocuments } from './vite-plugin-inline-documents';

export default defineConfig({
  base: '/',
  plugins: [inlineGraphqlDocuments('src/gql'), react()],
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
  build: { outDir: 'dist', sourcemap: false },
});
