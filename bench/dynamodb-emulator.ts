// The DynamoDB benches' emulator, in a process of its own so that its CPU and memory are charged
// to neither side being compared: Airlock's embedded server (dynalite + compat layer) over the
// LevelDB data kept in bench/.cache/dynalite, on 127.0.0.1.
//
//   node --import tsx bench/dynamodb-emulator.ts
//
// prints one JSON line `{ url }` and serves until SIGTERM or SIGINT (LevelDB allows one process
// per folder: two benches at once fail here, clearly, rather than share the data).
import { mkdirSync } from 'node:fs';
import { createEmbeddedDynamo } from '../main/core/local/embedded-server';
import { DATA_DIR } from './dynamodb-data';

mkdirSync(DATA_DIR, { recursive: true });
const emulator = createEmbeddedDynamo({ path: DATA_DIR });
const { url } = await emulator.listen(0);
process.stdout.write(`${JSON.stringify({ url })}\n`);

const stop = (): void => {
  void emulator.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
