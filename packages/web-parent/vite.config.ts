import { inlineGraphqlDocuments } from '@navigator/web-shared/vite-plugin-inline-documents';
import { preloadPage } from '@navigator/web-shared/vite-plugin-preload-page';
import { precompress } from '@navigator/web-shared/vite-plugin-precompress';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [inlineGraphqlDocuments('src/gql'), react(), preloadPage('src/features/catalog/catalog-page.tsx'), precompress()],
  // One copy of each library, whether a module is imported from the app or from @navigator/web-shared.
  resolve: { dedupe: ['react', 'react-dom', '@apollo/client', '@mantine/core', 'graphql'] },
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
  build: { outDir: 'dist', sourcemap: false },
});
