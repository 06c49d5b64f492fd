import { inlineGraphqlDocuments } from '@navigator/web-shared/vite-plugin-inline-documents';
import { precompress } from '@navigator/web-shared/vite-plugin-precompress';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [inlineGraphqlDocuments('src/gql'), react(), precompress()],
  // One copy of each library, whether a module is imported from the app or from @navigator/web-shared.
  resolve: { dedupe: ['react', 'react-dom', '@apollo/client', '@mantine/core', 'graphql'] },
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
  build: {
    outDir: 'dist',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Everything the first screen imports statically goes out as one file. Left to itself the bundler splits off
        // each module a lazy page shares with the entry — two dozen files the browser fetches (six at a time) and
        // the server answers one by one before the first card can show.
        codeSplitting: { groups: [{ name: 'app', test: /\/src\/main\.tsx$/ }] },
      },
    },
  },
});
