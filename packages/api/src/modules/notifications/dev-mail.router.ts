import { Router } from 'express';
import type { ReadLetters } from './mailbox';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Text with its links clickable; everything else escaped. */
function linkify(text: string): string {
  return escape(text).replace(/https?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);
}

/**
 * The development mailbox: every letter the system sent, newest first, with
 * working links. Mounted only in development (server.ts), never in production.
 */
export function createDevMailRouter(readLetters: ReadLetters): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const letters = [...(await readLetters())].reverse().map(
      (m) => `<article><h2>${escape(m.subject)}</h2><p class="meta">Кому: ${escape(m.to.join(', '))} · ${m.receivedAt.toLocaleString('ru-RU')}</p><pre>${linkify(m.text)}</pre></article>`,
    );
    res.type('html').setHeader('Cache-Control', 'no-store').send(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Почта разработчика — Навигатор</title>
<style>body{font:16px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap;font:inherit}.meta{color:#555}</style></head>
<body><h1>Почта разработчика</h1><p>Письма, которые отправил Навигатор (только в режиме разработки; хранятся в памяти до перезапуска). <a href="/dev/mail">Обновить</a></p>
${letters.join('\n') || '<p>Писем пока нет.</p>'}</body></html>`);
  });
  router.get('/messages.json', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store').json(await readLetters());
  });
  return router;
}
