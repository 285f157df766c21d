// The table `npm run bench` prints: absolute numbers, ratios against direct and bare, connection
// reuse and CPU per request of each process.
import type { PathResult, Workload } from './measure';

const ms = (n: number): string => n.toFixed(2);
const x = (n: number): string => `${n.toFixed(2)}x`;
const us = (n: number | undefined): string => (n === undefined ? '-' : n.toFixed(0));

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

export function formatReport(results: PathResult[], w: Workload, cpus: number): string {
  const byName = new Map(results.map((r) => [r.name, r]));
  const direct = byName.get('direct')!;
  const bare = byName.get('bare')!;
  const widths = [8, 7, 7, 6, 8, 8, 8, 8, 11, 7, 6, 8];
  const lines = [
    `GetItem of one ~600-byte item, per path: ${w.warmup} warm-up, then ${w.sequential} sequential (p50/p99) and ` +
      `${w.concurrent} with ${w.inFlight} in flight (req/s) in ${w.rounds} interleaved rounds; node ${process.version}, ${cpus} CPUs`,
    row(['', '', '', '', 'p50 vs', 'p50 vs', 'req/s vs', 'req/s vs', 'requests/', 'CPU µs', 'per', 'request'], widths),
    row(['path', 'p50 ms', 'p99 ms', 'req/s', 'direct', 'bare', 'direct', 'bare', 'connections', 'client', 'hop', 'fixture'], widths),
  ];
  for (const r of results) {
    lines.push(row([
      r.name, ms(r.p50), ms(r.p99), r.rps.toFixed(0),
      x(r.p50 / direct.p50), x(r.p50 / bare.p50), x(r.rps / direct.rps), x(r.rps / bare.rps),
      `${r.requests}/${r.sockets}`, us(r.cpuPerRequest.client), us(r.cpuPerRequest.hop), us(r.cpuPerRequest.fixture),
    ], widths));
  }
  lines.push('');
  const reopened = results.filter((r) => r.sockets > w.inFlight);
  if (reopened.length > 0) {
    const during = reopened.filter((r) => r.socketsWhileMeasuring > 0);
    lines.push(`more than ${w.inFlight} connections (${reopened.map((r) => r.name).join(', ')}): the server closed idle keep-alive ` +
      'connections while other paths ran; the unmeasured re-warm-up before each round reopened them' +
      (during.length > 0 ? `, except ${during.map((r) => `${r.socketsWhileMeasuring} on ${r.name}`).join(', ')} opened while measuring` : ''));
  }
  lines.push(`one extra local TLS+HTTP hop (bare vs direct): p50 +${ms(bare.p50 - direct.p50)} ms, req/s ${x(bare.rps / direct.rps)}`);
  for (const name of ['endpoint', 'forward']) {
    const r = byName.get(name);
    if (!r) continue;
    const hopCpu = r.cpuPerRequest.hop !== undefined && bare.cpuPerRequest.hop !== undefined
      ? `, hop CPU ${us(r.cpuPerRequest.hop)} vs ${us(bare.cpuPerRequest.hop)} µs/request` : '';
    lines.push(`airlock's own cost, ${name} mode (vs bare): p50 +${ms(r.p50 - bare.p50)} ms (${x(r.p50 / bare.p50)}), ` +
      `req/s ${x(r.rps / bare.rps)}${hopCpu}`);
  }
  return lines.join('\n');
}
