import type { ReactElement } from 'react';
import { Button, IconButton } from '../../components/Button';
import { newCondition, newGroup } from './builder';
import type { ConditionDraft, DraftErrors, GroupDraft } from './builder';
import { ConditionRow } from './ConditionRow';

const MAX_DEPTH = 4;

/**
 * A group of conditions joined by AND or OR; groups nest. `label` numbers it ("Group 2"), and its
 * conditions are "Condition 2.1", … so each row has a distinct accessible name.
 */
export function FilterGroup({ group, errors, onChange, onRemove, prefix = '', depth = 0 }: {
  group: GroupDraft;
  errors: DraftErrors;
  onChange: (g: GroupDraft) => void;
  /** Absent for the top-level group. */
  onRemove?: () => void;
  prefix?: string;
  depth?: number;
}): ReactElement {
  const setItem = (id: string, next: ConditionDraft | GroupDraft | null): void => {
    onChange({ ...group, items: next ? group.items.map((it) => (it.id === id ? next : it)) : group.items.filter((it) => it.id !== id) });
  };
  const top = depth === 0;
  const name = top ? 'Filter' : `Group ${prefix}`;
  return (
    <div className={`filter-group${top ? ' is-top' : ''}`} role="group" aria-label={name}>
      {group.items.length > 1 || !top ? (
        <div className="filter-group-head">
          <label className="filter-join">
            <span>Match</span>
            <select className="input select" aria-label={top ? 'Match conditions' : `Match conditions of group ${prefix}`} value={group.join} onChange={(e) => onChange({ ...group, join: e.target.value as 'AND' | 'OR' })}>
              <option value="AND">all (AND)</option>
              <option value="OR">any (OR)</option>
            </select>
          </label>
          {onRemove ? <IconButton icon="x" label={`Remove group ${prefix}`} onClick={onRemove} /> : null}
        </div>
      ) : null}
      {group.items.length ? (
        <ol className="filter-items">
          {group.items.map((it, i) => {
            const n = prefix ? `${prefix}.${i + 1}` : String(i + 1);
            return (
              <li key={it.id} className="filter-item">
                {i > 0 ? <span className="filter-joiner" aria-hidden="true">{group.join}</span> : null}
                {it.kind === 'group' ? (
                  <FilterGroup group={it} errors={errors} prefix={n} depth={depth + 1} onChange={(g) => setItem(it.id, g)} onRemove={() => setItem(it.id, null)} />
                ) : (
                  <ConditionRow c={it} label={`Condition ${n}`} errors={errors} onChange={(c) => setItem(it.id, c)} onRemove={() => setItem(it.id, null)} />
                )}
              </li>
            );
          })}
        </ol>
      ) : null}
      <div className="filter-actions">
        <Button size="sm" variant="ghost" icon="plus" onClick={() => onChange({ ...group, items: [...group.items, newCondition()] })}>
          {top ? 'Add filter' : 'Add condition'}
        </Button>
        {depth < MAX_DEPTH ? (
          <Button size="sm" variant="ghost" icon="layers" onClick={() => onChange({ ...group, items: [...group.items, newGroup(group.join === 'AND' ? 'OR' : 'AND', [newCondition()])] })}>
            Add group
          </Button>
        ) : null}
      </div>
    </div>
  );
}
