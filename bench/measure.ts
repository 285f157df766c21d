// The workload and its bookkeeping: latency percentiles, throughput, sockets opened by a client
// agent, and CPU time of each process taking part (Linux /proc; absent elsewhere).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type http from 'node:http';

export interface Workload {
  /** Requests before measuring, per path (with inFlight outstanding): connections, JIT, caches. */
  warmup: number;
  /** Requests one after another, for p50/p99. */
  sequential: number;
  /** Requests with `inFlight` outstanding at a time, for req/s. */
  concurrent: number;
  inFlight: number;
  /** Interleaved rounds the sequential and concurrent requests are split into. */
  rounds: number;
}

export interface PathResult {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  /** Requests the client sent on this path, warm-ups included. */
  requests: number;
  /** Connections its agent opened (CONNECT tunnels for forward mode), warm-ups included. */
  sockets: number;
  /** Of those, opened during measured requests (handshakes inside the numbers). */
  socketsWhileMeasuring: number;
  /** CPU time per measured request, µs, per process role (client, hop, fixture). */
  cpuPerRequest: Record<string, number | undefined>;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Counts the connections an agent creates, by wrapping its createConnection. */
export function countSockets<A extends http.Agent>(agent: A): { agent: A; count: () => number } {
  let n = 0;
  const target = agent as unknown as { createConnection: (...args: unknown[]) => unknown };
  const original = target.createConnection.bind(agent);
  target.createConnection = (...args: unknown[]) => {
    n++;
    return original(...args);
  };
  return { agent, count: () => n };
}

let clockTicks: number | undefined;

/** User+system CPU time of a process in ms, or undefined where /proc is not available. */
export function processCpuMs(pid: number): number | undefined {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14 and stime 15 (1-based, whole line).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}

/** One path as measure() drives it. */
export interface Probe {
  name: string;
  get: () => Promise<void>;
  /** Connections the path's client agent has opened so far. */
  sockets: () => number;
  /** Process ids by role (client, hop, fixture) whose CPU time is charged to this path. */
  processes: Record<string, number>;
}

interface Tally {
  requests: number;
  latencies: number[];
  concurrentRequests: number;
  concurrentSeconds: number;
  cpuMs: Record<string, number | undefined>;
  socketsWhileMeasuring: number;
}

async function sequential(get: () => Promise<void>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await get();
    into.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}

/** n requests with inFlight outstanding; the elapsed seconds. */
async function concurrent(get: () => Promise<void>, n: number, inFlight: number): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next++ < n) await get();
  }));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Splits n into `parts` near-equal counts. */
function share(n: number, parts: number, i: number): number {
  return Math.floor((n * (i + 1)) / parts) - Math.floor((n * i) / parts);
}

/**
 * Warms every path up (`warmup` requests each, with `inFlight` outstanding so every pooled
 * connection exists), then measures in `rounds` rounds, each giving every path its share of the
 * sequential and concurrent requests, in alternating order (A B C D, D C B A, ...): drift and
 * noise from the rest of the machine land on all paths alike instead of on whichever ran last.
 * Before each measured stretch, `inFlight` unmeasured requests reopen any connection a server
 * closed while the path sat idle.
 */
export async function measure(probes: Probe[], w: Workload, progress: (text: string) => void = () => {}): Promise<PathResult[]> {
  const tallies = new Map<Probe, Tally>();
  for (const p of probes) {
    const t: Tally = { requests: 0, latencies: [], concurrentRequests: 0, concurrentSeconds: 0, cpuMs: {}, socketsWhileMeasuring: 0 };
    const get = p.get;
    const counted = { ...p, get: async () => { t.requests++; await get(); } };
    tallies.set(counted, t);
  }
  const counted = [...tallies.keys()];
  for (const p of counted) {
    progress(`warming up ${p.name}`);
    await concurrent(p.get, w.warmup, w.inFlight);
  }
  for (let round = 0; round < w.rounds; round++) {
    progress(`round ${round + 1}/${w.rounds}`);
    for (const p of round % 2 === 0 ? counted : [...counted].reverse()) {
      const t = tallies.get(p)!;
      await concurrent(p.get, w.inFlight, w.inFlight);
      const socketsBefore = p.sockets();
      const cpuBefore = Object.fromEntries(Object.entries(p.processes).map(([role, pid]) => [role, processCpuMs(pid)]));
      await sequential(p.get, share(w.sequential, w.rounds, round), t.latencies);
      const n = share(w.concurrent, w.rounds, round);
      t.concurrentSeconds += await concurrent(p.get, n, w.inFlight);
      t.concurrentRequests += n;
      for (const [role, pid] of Object.entries(p.processes)) {
        const before = cpuBefore[role];
        const after = processCpuMs(pid);
        const sofar = round === 0 ? 0 : t.cpuMs[role];
        t.cpuMs[role] = before === undefined || after === undefined || sofar === undefined ? undefined : sofar + after - before;
      }
      t.socketsWhileMeasuring += p.sockets() - socketsBefore;
    }
  }
  const measured = w.sequential + w.concurrent;
  return counted.map((p) => {
    const t = tallies.get(p)!;
    const lat = [...t.latencies].sort((a, b) => a - b);
    return {
      name: p.name,
      p50: percentile(lat, 0.5),
      p99: percentile(lat, 0.99),
      rps: t.concurrentRequests / t.concurrentSeconds,
      requests: t.requests,
      sockets: p.sockets(),
      socketsWhileMeasuring: t.socketsWhileMeasuring,
      cpuPerRequest: Object.fromEntries(Object.entries(t.cpuMs).map(([role, cpu]) => [role, cpu === undefined ? undefined : (cpu * 1000) / measured])),
    };
  });
}
