/**
 * The limit beside our figures: pgbench's TPC-B-like run on the same
 * PostgreSQL with the same client count, so confirmations/s can be read as a
 * fraction of what this machine's database does at all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findPgbench() {
  for (const candidate of [process.env.PGBENCH_PATH, '/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'].filter(Boolean)) {
    if (existsSync(candidate)) return candidate;
  }
  // Debian ships pgbench with the PostgreSQL client; install it like the browser tests install chromium.
  if (spawnSync('apt-get', ['--version']).status === 0) {
    const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
    const run = (args) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit' });
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'postgresql-client']);
    if (existsSync('/usr/bin/pgbench')) return '/usr/bin/pgbench';
  }
  throw new Error('pgbench not found: install postgresql-client or set PGBENCH_PATH');
}

/** TPC-B-like transactions per second and their mean latency at `clients` clients. */
export async function runPgbench(adminUrl, { clients, seconds }) {
  const pgbench = findPgbench();
  const url = new URL(adminUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const conn = ['-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username)];
  execFileSync(pgbench.replace(/pgbench$/, 'psql'), [...conn, '-d', 'postgres', '-q', '-c', 'DROP DATABASE IF EXISTS pgbench', '-c', 'CREATE DATABASE pgbench'], { env, stdio: 'ignore' });
  execFileSync(pgbench, [...conn, '-i', '-q', '-s', '10', 'pgbench'], { env, stdio: 'ignore' });
  const out = execFileSync(pgbench, [...conn, '-c', String(clients), '-j', '2', '-T', String(seconds), '-n', 'pgbench'], { env, encoding: 'utf8' });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  if (!Number.isFinite(tps) || !Number.isFinite(latencyMs)) throw new Error(`could not read pgbench output:\n${out}`);
  return { tps, latencyMs };
}
