import type { OpenDialogOptions, SaveDialogOptions } from 'electron';

const FILTERS = [
  { name: 'JSON Lines (DynamoDB JSON)', extensions: ['jsonl', 'json'] },
  { name: 'CSV', extensions: ['csv'] },
  { name: 'All files', extensions: ['*'] },
];

/** The native dialog for an export (save, never silently over a file) or an import (open one file). Pure: unit-tested. */
export function fileDialogOptions(purpose: 'export' | 'import', folder: string, suggestedName?: string):
  { kind: 'save'; options: SaveDialogOptions } | { kind: 'open'; options: OpenDialogOptions } {
  if (purpose === 'export') {
    // A bare name only: the folder is ours to choose, never a path the renderer made up.
    const name = suggestedName?.replace(/[/\\]/g, '_');
    return {
      kind: 'save',
      options: {
        title: 'Export items',
        buttonLabel: 'Export',
        defaultPath: name ? `${folder}/${name}` : folder,
        filters: FILTERS,
        // No "replace?" prompt: exports never overwrite a file (a chosen existing file is refused with a clear error).
        properties: ['createDirectory'],
      },
    };
  }
  return { kind: 'open', options: { title: 'Import items', buttonLabel: 'Import', defaultPath: folder, filters: FILTERS, properties: ['openFile'] } };
}
