import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabaseUrl, TEST_DATA_ENCRYPTION_KEY } from '../../test/database';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { type AppServer, createServer as createAppServer } from '../server';
import { createDataSource } from './data-source';
import { isDatabaseUnavailable } from './availability';

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored on the same port. */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server!.close(resolve));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

describe('when PostgreSQL goes away', () => {
  let relay: Relay;
  let dataSource: DataSource;
  let server: AppServer;
  let url: string;

  const query = async (token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: '{ municipalities { id } }' }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
  };

  beforeAll(async () => {
    const real = new URL(await createTestDatabaseUrl());
    relay = new Relay({ host: real.hostname, port: Number(real.port) });
    await relay.open();
    real.port = String(relay.port);
    dataSource = createDataSource(real.toString(), { poolSize: 4 });
    await dataSource.initialize();
    const config = loadConfig({ env: 'test', dataEncryptionKey: TEST_DATA_ENCRYPTION_KEY, logLevel: 'silent' });
    server = await createAppServer(dataSource, config, createLogger('silent'));
    url = `http://127.0.0.1:${await server.listen(0)}`;
  });
  afterAll(async () => {
    await server.stop();
    server.httpServer.close();
    await dataSource.destroy().catch(() => undefined);
  });

  it('answers 503 SERVICE_UNAVAILABLE, then serves again once it is back', async () => {
    expect((await query()).status).toBe(200);
    await relay.cut();

    const down = await query();
    expect(down.status).toBe(503);
    expect(down.body.errors![0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.body.errors![0].message).toMatch(/временно недоступен/);
    const signedIn = await query('some-session-token');
    expect(signedIn.status).toBe(503);
    expect(signedIn.body.errors![0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${url}/healthz`)).status).toBe(503);

    await relay.open();
    const back = await query();
    expect(back.body.errors).toBeUndefined();
    expect(back.status).toBe(200);
  });

  it('tells a lost database from a wrong request', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'terminating connection', driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'bigint out of range', driverError: { code: '22003' } })).toBe(false);
  });
});
