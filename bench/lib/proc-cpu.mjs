/**
 * CPU time of processes from /proc (Linux): user + system ticks of a process,
 * plus those of its children — PostgreSQL's backends are children of the
 * postmaster, and exited ones are counted in the parent's cutime/cstime.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ")".
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

/** CPU ms used so far by `pid` and, with `withChildren`, every live child and every child it has reaped. */
export function cpuMs(pid, { withChildren = false } = {}) {
  const self = stat(pid);
  if (!self) return 0;
  let ticks = self.ticks;
  if (withChildren) {
    ticks += self.childTicks;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = stat(entry);
      if (s?.ppid === pid) ticks += s.ticks + s.childTicks;
    }
  }
  return ticks * TICK_MS;
}

export function parentPid(pid) {
  return stat(pid)?.ppid ?? null;
}

/**
 * CPU ms per request, from now until `perRequest(n)`: the API's processes,
 * PostgreSQL's (the postmaster and its backends) and this load generator's.
 */
export function cpuMeter(apiPid, postmasterPid) {
  const read = () => ({ api: cpuMs(apiPid, { withChildren: true }), pg: cpuMs(postmasterPid, { withChildren: true }), self: process.cpuUsage() });
  const before = read();
  return {
    perRequest(n) {
      const after = read();
      const selfMs = (after.self.user + after.self.system - before.self.user - before.self.system) / 1000;
      return { api: (after.api - before.api) / n, pg: (after.pg - before.pg) / n, loadGenerator: selfMs / n };
    },
  };
}

/**
 * Requests per second this machine's cores could serve if CPU were the only
 * limit, at the API's and PostgreSQL's measured CPU ms per request (the load
 * generator left out, as it is not part of a deployment): the figure that
 * says whether a throughput target fits the hardware at all.
 */
export function cpuBoundCeiling(apiMs, pgMs) {
  return (1000 * availableParallelism()) / (apiMs + pgMs);
}
