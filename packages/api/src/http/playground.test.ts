import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config';
import { servePlayground } from './playground';

const page = `<!doctype html><html lang="ru"><body>${'<p>GraphiQL</p>'.repeat(200)}</body></html>`;

function start(config: Pick<AppConfig, 'introspection' | 'webPlaygroundDist'>): Promise<{ base: string; server: http.Server }> {
  const app = express();
  servePlayground(app, config);
  // Stands for Apollo's endpoint: whatever the playground lets through arrives here.
  app.use('/graphql', (req, res) => void res.json({ endpoint: req.method }));
  const server = app.listen(0);
  return new Promise((resolve) => server.once('listening', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('the GraphQL playground at /graphql', () => {
  let dir: string;
  let dev: { base: string; server: http.Server };
  let closed: { base: string; server: http.Server };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'playground-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), page);
    writeFileSync(path.join(dir, 'index.html.br'), brotliCompressSync(page));
    writeFileSync(path.join(dir, 'assets/app.js'), 'console.log(1)');
    dev = await start({ introspection: true, webPlaygroundDist: dir });
    closed = await start({ introspection: false, webPlaygroundDist: dir });
  });
  afterAll(() => {
    dev.server.close();
    closed.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' };

  it('shows a browser the playground, precompressed', async () => {
    const res = await fetch(`${dev.base}/graphql`, { headers: browser });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(await res.text()).toBe(page);
    const asset = await fetch(`${dev.base}/graphql/assets/app.js`);
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('leaves GraphQL requests to the endpoint: POSTs, GETs with an operation, and clients that ask for JSON or anything', async () => {
    const post = await fetch(`${dev.base}/graphql`, { method: 'POST', headers: { ...browser, 'content-type': 'application/json' }, body: '{}' });
    expect(await post.json()).toEqual({ endpoint: 'POST' });
    for (const [url, accept] of [
      ['/graphql?query=%7B__typename%7D', browser.accept],
      ['/graphql?extensions=%7B%7D&operationName=Catalog', browser.accept],
      ['/graphql', '*/*'],
      ['/graphql', 'application/graphql-response+json, application/json'],
    ]) {
      const res = await fetch(`${dev.base}${url}`, { headers: { accept } });
      expect(await res.json(), `${url} with ${accept}`).toEqual({ endpoint: 'GET' });
    }
  });

  it('is not offered where introspection is closed (production by default)', async () => {
    const res = await fetch(`${closed.base}/graphql`, { headers: browser });
    expect(await res.json()).toEqual({ endpoint: 'GET' });
  });
});
