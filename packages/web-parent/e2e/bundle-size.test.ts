import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const LIMIT_BYTES = 250 * 1024;

/** The scripts a first visit downloads before anything shows: the entry and what it preloads. */
function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...entry, ...preloads])];
}

describe('the parent SPA build', () => {
  it('loads at most 250 KB of gzipped JavaScript before the first page shows', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((src) => ({ src, gzipped: gzipSync(readFileSync(path.join(dist, src.replace(/^\//, '')))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzipped, 0);
    console.info(`initial JS: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} files`);
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
  });

  it('keeps pages in their own chunks instead of the entry', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const initial = initialScripts(html).map((src) => readFileSync(path.join(dist, src.replace(/^\//, '')), 'utf8')).join('\n');
    // The catalog's search query is used by the catalog page only, so it must not be in what every visit loads.
    expect(initial).not.toContain('CatalogSearch');
  });
});
