/**
 * A small closed-loop load generator: `concurrency` clients each send the
 * next request as soon as the previous one answers, over keep-alive HTTP.
 * Latency is measured per request; throughput is requests / wall time.
 */
import http from 'node:http';

export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export function summarize(latencies, wallMs, errors = 0) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / (wallMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

export function createClient(baseUrl, maxSockets) {
  const url = new URL('/graphql', baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return function post(body, token) {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}

/**
 * Runs `tasks` (an array of () => Promise<boolean ok>) with `concurrency`
 * workers; returns latencies per kind. Each task is { kind, run }.
 */
export async function runTasks(tasks, concurrency) {
  const byKind = new Map();
  let next = 0;
  let errors = 0;
  /** Requests that got no answer to read (connection lost, not JSON), by message: a refusal is counted by the task itself. */
  const failures = new Map();
  const started = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= tasks.length) return;
      const { kind, run } = tasks[i];
      const t0 = performance.now();
      const ok = await run().catch((err) => {
        failures.set(err.message, (failures.get(err.message) ?? 0) + 1);
        return false;
      });
      const ms = performance.now() - t0;
      if (!ok) errors++;
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind).push(ms);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  const all = [...byKind.values()].flat();
  return { wallMs, errors, failures, total: summarize(all, wallMs, errors), kinds: Object.fromEntries([...byKind].map(([k, v]) => [k, summarize(v, wallMs)])) };
}

export function fmt(s) {
  return `${s.requests} req, ${s.rps.toFixed(0)} req/s, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`;
}
