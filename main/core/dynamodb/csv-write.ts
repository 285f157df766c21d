// The last step of a CSV export: the scanned items (temporary JSON Lines) become the CSV file, streaming both ways.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Item } from '../../../preload/dynamodb';
import type { Column } from './csv-codec';
import { encodeCell, headerCell } from './csv-codec';
import { fileExists } from './file-sink';
import { readLines } from './line-reader';

async function* rows(jsonlPath: string, columns: Column[]): AsyncGenerator<string[]> {
  // No columns means no items: the file stays empty rather than holding a blank header line.
  if (columns.length === 0) return;
  yield columns.map(headerCell);
  for await (const line of readLines(jsonlPath)) {
    if (line.text === '') continue;
    // Written by the export itself, so already valid DynamoDB JSON.
    const item = JSON.parse(line.text) as Item;
    yield columns.map((c) => encodeCell(item[c.name], c.type));
  }
}

/** Writes `csvPath` (which must not exist) from `jsonlPath`; returns the CSV's size in bytes. */
export async function writeCsv(jsonlPath: string, csvPath: string, columns: Column[], signal: AbortSignal): Promise<number> {
  const out = createWriteStream(csvPath, { flags: 'wx' });
  try {
    await pipeline(Readable.from(rows(jsonlPath, columns)), stringify(), out, { signal });
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST') throw fileExists(csvPath);
    throw err;
  }
  return out.bytesWritten;
}
