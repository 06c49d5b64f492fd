import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDataSource, TEST_DATA_ENCRYPTION_KEY } from '../../test/database';
import { startTestServer } from '../../test/app';
import { TravelClock } from '../common/clock';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { type AppServer, createContainer, createServer } from '../server';
import type { DataSource } from 'typeorm';

describe('development tools of a system started with CLOCK_START', () => {
  let dataSource: DataSource;
  let server: AppServer;
  let url: string;
  const post = (route: string, body: unknown) =>
    fetch(`${url}/dev/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    dataSource = await createTestDataSource();
    const logger = createLogger('silent');
    const config = loadConfig({ env: 'test', dataEncryptionKey: TEST_DATA_ENCRYPTION_KEY, logLevel: 'silent', clockStart: '2026-12-10' });
    server = await createServer(dataSource, config, logger, createContainer(dataSource, config, logger, new TravelClock('2026-12-10')));
    url = `http://127.0.0.1:${await server.listen(0)}`;
  });
  afterAll(async () => {
    await server.stop();
    server.httpServer.close();
    await dataSource.destroy();
  });

  it('moves the calendar and runs the New Year rollover on demand', async () => {
    expect(await (await fetch(`${url}/dev/clock`)).json()).toMatchObject({ today: '2026-12-10' });
    const moved = await post('clock', { today: '2027-01-01' });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ today: '2027-01-01' });

    const ran = await post('jobs/certificates.period-rollover', {});
    expect(ran.status).toBe(200);
    const [{ credited }] = await dataSource.query(
      `SELECT count(*)::int AS credited FROM certificate_accounts a JOIN certificate_periods p ON p.id = a.period_id WHERE p.year = 2027`,
    );
    expect(credited).toBeGreaterThan(0);
  });

  it('answers mistakes with 4xx', async () => {
    expect((await post('clock', { today: '2027-02-29' })).status).toBe(400);
    expect((await post('clock', {})).status).toBe(400);
    expect((await post('jobs/no-such-job', {})).status).toBe(404);
  });
});

describe('a system without CLOCK_START', () => {
  it('has no development tools', async () => {
    const test = await startTestServer();
    try {
      const res = await fetch(`${test.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"today":"2027-01-01"}' });
      expect(res.status).toBe(404);
    } finally {
      await test.close();
    }
  });
});
