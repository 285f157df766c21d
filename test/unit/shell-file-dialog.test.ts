import { describe, expect, it } from 'vitest';
import { fileDialogOptions } from '../../main/shell/file-dialog';

describe('native file dialogs for export and import', () => {
  it('saves an export in the given folder under the suggested bare name', () => {
    const d = fileDialogOptions('export', '/home/u/Downloads', 'orders-20261126.jsonl');
    expect(d.kind).toBe('save');
    expect(d.options.defaultPath).toBe('/home/u/Downloads/orders-20261126.jsonl');
    expect(d.options.properties).not.toContain('showOverwriteConfirmation');
  });

  it('never lets a suggested name pick another folder', () => {
    expect(fileDialogOptions('export', '/home/u/Downloads', '../../etc/passwd').options.defaultPath).toBe('/home/u/Downloads/.._.._etc_passwd');
    expect(fileDialogOptions('export', '/d', 'a\\b.csv').options.defaultPath).toBe('/d/a_b.csv');
  });

  it('opens one file for an import, starting in the folder', () => {
    const d = fileDialogOptions('import', '/home/u/Downloads');
    expect(d).toMatchObject({ kind: 'open', options: { defaultPath: '/home/u/Downloads', properties: ['openFile'] } });
    expect(d.options.filters?.map((f) => f.name)).toEqual(['JSON Lines (DynamoDB JSON)', 'CSV', 'All files']);
  });
});
