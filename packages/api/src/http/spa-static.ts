import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';

/** Twins the SPA build writes next to each text asset, best first. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

/**
 * The precompressed twin of `file` the browser accepts, if the build made one. Brotli wins when both are
 * accepted: browsers list gzip first without preferring it, and brotli is a fifth smaller on these bundles.
 */
function variantFor(req: Request, file: string): { file: string; encoding?: string } {
  if (!COMPRESSIBLE.test(file)) return { file };
  for (const { name, ext } of ENCODINGS) {
    if (req.acceptsEncodings(name) === name && existsSync(file + ext)) return { file: file + ext, encoding: name };
  }
  return { file };
}

interface Precompressed {
  original: string;
  encoding?: string;
}

function markEncoded(res: Response, original: string, encoding: string | undefined): void {
  res.vary('Accept-Encoding');
  if (!encoding) return;
  res.setHeader('Content-Encoding', encoding);
  // Typed by the file it stands for, not by `.br`.
  res.type(path.extname(original));
}

/** A browser navigating to a page (any path under the mount): deep links survive a reload. */
const browsing = (req: Request): boolean => Boolean(req.accepts('html'));

/**
 * Serves a built SPA under `mount`, answering with its index.html the GET requests that `wantsPage` picks
 * (by default every one a browser makes for a page).
 */
export function serveSpa(app: Express, mount: string, dist: string, name: string, wantsPage: (req: Request) => boolean = browsing): void {
  const index = path.join(dist, 'index.html');

  // Points the request at the compressed twin before express.static looks for the file.
  const negotiate: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const original = path.join(dist, path.normalize(decodeURIComponent(req.path)));
    if (!original.startsWith(dist + path.sep) || !COMPRESSIBLE.test(original)) return next();
    const chosen = variantFor(req, original);
    res.locals.precompressed = { original, encoding: chosen.encoding } satisfies Precompressed;
    if (chosen.encoding) req.url = req.url.replace(/^[^?]*/, (p) => p + chosen.file.slice(original.length));
    next();
  };
  const files = express.static(dist, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, file) => {
      const chosen = (res as Response).locals.precompressed as Precompressed | undefined;
      if (chosen) markEncoded(res as Response, chosen.original, chosen.encoding);
      if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });

  app.use(mount, negotiate, files);
  app.use(mount, (req, res, next) => {
    if (req.method !== 'GET' || !wantsPage(req)) return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send(`${name} is not built yet: run the build (see README).`);
      return;
    }
    const chosen = variantFor(req, index);
    markEncoded(res, index, chosen.encoding);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(chosen.file);
  });
}

/** API answers (GraphQL JSON, CSV reports) are compressed on the fly; they are small enough that gzip costs little CPU. */
export function compressResponses(): RequestHandler {
  return compression({ threshold: 1024 });
}
