import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
// 189 KB when the catalog's filters, the menus and the notices moved out of the first screen's code (239 KB before).
const LIMIT_BYTES = 200 * 1024;

/** Everything index.html makes the browser fetch up front: the entry, its modulepreloads (the chunk with the catalog page) and styles. */
function initialFiles(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...scripts, ...preloads, ...styles])];
}

const read = (src: string) => readFileSync(path.join(dist, src.replace(/^\//, '')));
// Files too small to be worth it have no brotli twin and go out as they are.
const served = (src: string) => (existsSync(path.join(dist, `${src.replace(/^\//, '')}.br`)) ? read(`${src}.br`) : read(src));

describe('the parent SPA build', () => {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = initialFiles(html);

  it('sends at most 200 KB (brotli, as served) of JS and CSS before the first program card shows', () => {
    expect(files.length).toBeGreaterThan(0);
    const total = files.reduce((sum, src) => sum + served(src).length, 0);
    console.info(`before the first card: ${(total / 1024).toFixed(1)} KB brotli (${(files.reduce((s, f) => s + read(f).length, 0) / 1024).toFixed(0)} KB raw) in ${files.length} files`);
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
  });

  it('fetches the catalog page up front, since `/` shows nothing without it, and no other page', () => {
    const initial = files.filter((f) => f.endsWith('.js')).map((src) => read(src).toString()).join('\n');
    expect(initial).toContain('CatalogSearch');
    expect(initial).not.toContain('ProgramDetails');
    expect(initial).not.toContain('MyApplications');
  });
});
