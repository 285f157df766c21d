/** Small PartiQL helpers for the editor (the statement itself is run by the service). */

/** The table a statement reads or writes (`FROM "t"`, `UPDATE t`, `INSERT INTO "t"`, `DELETE FROM t`), or undefined. */
export function statementTable(statement: string): string | undefined {
  const s = statement.replace(/--[^\n]*/g, ' ');
  const m = /\b(?:from|update|into)\s+(?:"((?:[^"]|"")+)"|([A-Za-z0-9_.-]+))/i.exec(s);
  if (!m) return undefined;
  const name = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!;
  // `FROM "table"."index"`: the table part only.
  return name.split('"."')[0];
}

/** A first statement to start from. */
export function exampleStatement(table: string | undefined): string {
  return table ? `SELECT * FROM "${table.replace(/"/g, '""')}"` : 'SELECT * FROM "table-name"';
}
