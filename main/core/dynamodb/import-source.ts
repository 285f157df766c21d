/**
 * Rows of an import file, one at a time with their line numbers: each row is an item (DynamoDB
 * JSON) or a reason it cannot be one. Files are pulled as they are consumed (flat memory).
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Item } from '../../../preload/dynamodb';
import { AirlockError, errorMessage } from '../errors';
import { decodeCell, parseHeaderCell } from './csv-codec';
import type { Column } from './csv-codec';
import { checkItem, InvalidValue } from './jsonl';
import { MAX_LINE_BYTES, readLines } from './line-reader';

export interface SourceRow {
  line: number;
  /** The original text (for the report). */
  raw: string;
  item?: Item;
  error?: string;
  /** Bytes of the file consumed so far. */
  bytes: number;
}

export async function* jsonlRows(path: string): AsyncGenerator<SourceRow> {
  for await (const line of readLines(path)) {
    const base = { line: line.number, raw: line.text, bytes: line.bytes };
    if (line.tooLong) {
      yield { ...base, error: 'line too long (over 16 MB)' };
      continue;
    }
    if (line.text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch (err) {
      yield { ...base, error: `invalid JSON: ${errorMessage(err)}` };
      continue;
    }
    let row: SourceRow;
    try {
      row = { ...base, item: checkItem(parsed) };
    } catch (err) {
      if (!(err instanceof InvalidValue)) throw err;
      row = { ...base, error: err.message };
    }
    yield row;
  }
}

/**
 * Byte offsets of the newlines passing through, for line numbers: csv-parse counts lines wrongly
 * in CRLF files, but reports exact byte offsets. Offsets already looked up are dropped.
 */
class NewlineIndex extends Transform {
  bytes = 0;
  private offsets: number[] = [];
  private head = 0;
  private passed = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) this.offsets.push(this.bytes + at);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  /** The 1-based line holding the byte at `offset`; offsets must not decrease from call to call. */
  lineAt(offset: number): number {
    while (this.head < this.offsets.length && (this.offsets[this.head] as number) < offset) {
      this.head++;
      this.passed++;
    }
    if (this.head > 4096) {
      this.offsets = this.offsets.slice(this.head);
      this.head = 0;
    }
    return this.passed + 1;
  }
}

type CsvEvent = { kind: 'record'; line: number; raw: string } | { kind: 'skip'; line: number; raw: string; error: string };

const newlines = (s: string): number => s.split('\n').length - 1;
/** With `raw: true` csv-parse hands over { record, raw } rather than the typed string[]. */
const fieldsOf = (x: unknown): string[] => (Array.isArray(x) ? x : (x as { record: string[] }).record);
const trimRaw = (raw: string | undefined): string => (raw ?? '').replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');

function header(cells: string[], line: number): Column[] {
  const columns: Column[] = [];
  const names = new Set<string>();
  for (const cell of cells) {
    let column: Column;
    try {
      column = parseHeaderCell(cell);
    } catch (err) {
      throw new AirlockError('CSV_HEADER', `line ${line}: ${errorMessage(err)}`);
    }
    if (names.has(column.name)) throw new AirlockError('CSV_HEADER', `line ${line}: the column ${JSON.stringify(column.name)} appears twice`);
    names.add(column.name);
    columns.push(column);
  }
  return columns;
}

function toItem(fields: string[], columns: Column[]): Item {
  if (fields.length > columns.length) throw new InvalidValue(`${fields.length} cells, but the header has ${columns.length} columns`);
  const item: Item = {};
  fields.forEach((cell, i) => {
    const column = columns[i] as Column;
    const value = decodeCell(cell, column);
    if (value !== undefined) item[column.name] = value;
  });
  return item;
}

/** CSV in the form export writes (see csv-codec.ts): the first record is the `name:TYPE` header. */
export async function* csvRows(path: string): AsyncGenerator<SourceRow> {
  const index = new NewlineIndex();
  // Parse-time hooks run in file order; records and skipped (broken) ones are matched up through this queue.
  const events: CsvEvent[] = [];
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // A stray quote would otherwise make the rest of the file one record held in memory.
    max_record_size: MAX_LINE_BYTES,
    on_record: (record, ctx) => {
      const end = index.lineAt(ctx.bytes - 1);
      events.push({ kind: 'record', line: end - fieldsOf(record).reduce((n, f) => n + newlines(f), 0), raw: trimRaw(ctx.raw) });
      return record;
    },
    on_skip: (err, raw) => {
      const leading = newlines((raw ?? '').match(/^[\r\n]*/)?.[0] ?? '');
      events.push({ kind: 'skip', line: index.lineAt(parser.info.bytes) + leading, raw: trimRaw(raw), error: `CSV syntax error: ${err?.message ?? 'unreadable record'}` });
      return undefined;
    },
  });
  const source = createReadStream(path);
  const flowing = pipeline(source, index, parser);
  // Errors reach the loop below through the parser; this only keeps an early stop from being "unhandled".
  flowing.catch(() => undefined);
  let columns: Column[] | undefined;
  try {
    for await (const parsed of parser as AsyncIterable<unknown>) {
      const fields = fieldsOf(parsed);
      let event = events.shift();
      while (event?.kind === 'skip') {
        yield { line: event.line, raw: event.raw, error: event.error, bytes: index.bytes };
        event = events.shift();
      }
      const line = event?.line ?? 0;
      const raw = event?.raw ?? fields.join(',');
      if (!columns) {
        columns = header(fields, line);
        continue;
      }
      let row: SourceRow;
      try {
        row = { line, raw, item: toItem(fields, columns), bytes: index.bytes };
      } catch (err) {
        if (!(err instanceof InvalidValue)) throw err;
        row = { line, raw, error: err.message, bytes: index.bytes };
      }
      yield row;
    }
    for (const event of events) {
      if (event.kind === 'skip') yield { line: event.line, raw: event.raw, error: event.error, bytes: index.bytes };
    }
  } finally {
    source.destroy();
  }
}

