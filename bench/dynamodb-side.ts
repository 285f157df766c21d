// One side of a DynamoDB bench, in a process of its own so that its peak RSS and CPU time are
// its own (the emulator and the other side run elsewhere):
//
//   node --import tsx bench/dynamodb-side.ts '<SideJob as JSON>'
//
// prints one JSON line: the task's result plus `usage` (RSS at start and peak, CPU ms).
// The Airlock side builds a CoreHost from this process's env (a temp AIRLOCK_HOME with a
// passphrase cipher, set by the parent) with the local app `bench` aimed at the emulator: its
// reads go through the per-app endpoint proxy that host starts, as in the desktop app.
import { CoreHost } from '../main/core/host';
import { exportSide } from './dynamodb-export';
import type { ExportJob } from './dynamodb-export';
import { firstPageSide } from './dynamodb-first-page';
import type { FirstPageJob } from './dynamodb-first-page';

export type SideJob = FirstPageJob | ExportJob;

export interface Usage {
  /** RSS once the code is loaded, before any work (bytes). */
  rssStart: number;
  /** The kernel's high-water mark of this process (bytes): getrusage maxrss. */
  maxRss: number;
  cpuMs: number;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const job = JSON.parse(process.argv[2] ?? '{}') as SideJob;
const rssStart = process.memoryUsage().rss;
const cpuStart = process.cpuUsage();

let host: CoreHost | undefined;
/** The host, created on first use: the direct side never loads a vault or starts a proxy. */
const airlock = (): CoreHost => {
  if (!host) {
    host = new CoreHost();
    if (!host.apps.has('bench')) host.apps.addLocal({ name: 'bench', url: job.url });
  }
  return host;
};

try {
  const result = job.task === 'first-page' ? await firstPageSide(job, airlock) : await exportSide(job, airlock);
  const cpu = process.cpuUsage(cpuStart);
  const usage: Usage = { rssStart, maxRss: process.resourceUsage().maxRSS * 1024, cpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(`${JSON.stringify({ ...result, usage })}\n`);
} finally {
  await host?.close();
}
// Keep-alive sockets and the proxy's timers would keep the process up a while: the work is done.
process.exit(0);
