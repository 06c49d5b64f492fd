import express, { type Router } from 'express';
import { Clock, TravelClock } from '../common/clock';
import type { Container } from '../common/container';
import type { JobDefinition } from '../common/jobs';
import type { Logger } from '../logger';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Development and browser-test tools, mounted only when the calendar runs on
 * a TravelClock (CLOCK_START, refused in production): move the region's day and
 * run a background job at once instead of waiting for its schedule — enough to
 * watch a December contract being funded by the January rollover.
 */
export function createDevToolsRouter(container: Container, jobs: readonly JobDefinition[], logger: Logger): Router {
  const clock = container.get(Clock);
  if (!(clock instanceof TravelClock)) throw new Error('dev tools need the travel clock (CLOCK_START)');
  const router = express.Router();
  router.use(express.json({ limit: '1kb' }));

  router.get('/clock', (_req, res) => {
    res.json({ today: clock.today(), now: clock.now().toISOString() });
  });

  router.post('/clock', (req, res) => {
    const today = req.body?.today;
    if (typeof today !== 'string' || !ISO_DAY.test(today) || new Date(`${today}T00:00:00Z`).toISOString().slice(0, 10) !== today) {
      res.status(400).json({ error: 'Передайте день в виде {"today": "ГГГГ-ММ-ДД"}' });
      return;
    }
    clock.travelTo(today);
    logger.warn({ today }, 'dev tools: the calendar was moved');
    res.json({ today: clock.today(), now: clock.now().toISOString() });
  });

  router.post('/jobs/:name', async (req, res) => {
    const job = jobs.find((j) => j.name === req.params.name);
    if (!job) {
      res.status(404).json({ error: `Нет задания «${req.params.name}»`, jobs: jobs.map((j) => j.name) });
      return;
    }
    try {
      await job.run(container, req.body ?? {});
      res.json({ ran: job.name, today: clock.today() });
    } catch (err) {
      logger.error({ err, job: job.name }, 'dev tools: job failed');
      res.status(500).json({ error: `Задание «${job.name}» завершилось с ошибкой` });
    }
  });
  return router;
}
