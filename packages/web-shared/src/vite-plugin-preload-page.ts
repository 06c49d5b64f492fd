import type { Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` for a lazily loaded page (and the chunks it imports) to index.html, so the
 * page most visits land on downloads alongside the entry instead of after the entry has run.
 */
export function preloadPage(modulePath: string): Plugin {
  return {
    name: 'preload-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const page = chunks.find((c) => c.facadeModuleId?.endsWith(modulePath));
        if (!page) throw new Error(`preload-page: no chunk for ${modulePath}`);
        const files = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          chunks.find((c) => c.fileName === file)?.imports.forEach(visit);
        };
        visit(page.fileName);
        const base = ctx.server?.config.base ?? '/';
        // The entry and what Vite already preloads are in the page once.
        return [...files].filter((file) => !html.includes(file)).map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}
