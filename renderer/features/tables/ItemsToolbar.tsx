import type { ReactElement } from 'react';
import { Button } from '../../components/Button';

export type ItemAction = 'create' | 'edit' | 'duplicate' | 'delete' | 'export' | 'import' | 'code';

/** Item actions above the grid; Edit and Duplicate need exactly one selected row, Delete at least one. */
export function ItemsToolbar({ selectedCount, canCode, onAction }: {
  selectedCount: number;
  canCode: boolean;
  onAction: (a: ItemAction) => void;
}): ReactElement {
  const one = selectedCount === 1;
  return (
    <div className="items-toolbar" role="toolbar" aria-label="Item actions">
      <Button size="sm" variant="primary" icon="plus" onClick={() => onAction('create')}>Create item</Button>
      <Button size="sm" icon="edit" disabled={!one} title={one ? undefined : 'Select one item (or double-click a row)'} onClick={() => onAction('edit')}>Edit</Button>
      <Button size="sm" icon="copy" disabled={!one} title={one ? undefined : 'Select one item'} onClick={() => onAction('duplicate')}>Duplicate</Button>
      <Button size="sm" variant="danger-soft" icon="trash" disabled={selectedCount === 0} aria-label="Delete selected" onClick={() => onAction('delete')}>
        Delete selected{selectedCount ? <span className="btn-count">{selectedCount.toLocaleString()}</span> : null}
      </Button>
      <span className="toolbar-sep" aria-hidden="true" />
      <Button size="sm" icon="download" onClick={() => onAction('export')}>Export…</Button>
      <Button size="sm" icon="download" className="btn-upload" onClick={() => onAction('import')}>Import…</Button>
      <Button size="sm" icon="terminal" disabled={!canCode} title={canCode ? undefined : 'Fix the query first'} onClick={() => onAction('code')}>Copy as code</Button>
    </div>
  );
}
