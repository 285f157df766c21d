import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { Button } from '../../components/Button';
import { PolicyProblem } from './PolicyProblem';

/**
 * Files that did not load, each with the core's message (file, line, field per problem). An
 * imported file with nothing in force has no card below, so its Remove is offered here.
 */
export function PolicyErrors({ errors, onRemove }: { errors: PolicyView['errors']; onRemove: (name: string) => void }): ReactElement | null {
  if (errors.length === 0) return null;
  return (
    <div className="policy-errors" role="group" aria-label="Policy file problems">
      {errors.map((e) => {
        const name = e.managed ? 'The managed policy' : (e.name ?? e.path);
        return (
          <PolicyProblem
            key={e.path}
            tone={e.previousInForce ? 'warning' : 'error'}
            title={e.previousInForce ? `${name} is invalid: its last valid version is in force` : `${name} is invalid and not in force`}
            message={e.message}
            hint={e.managed ? 'Ask your administrator to fix it.' : 'Fix the file and import it again, or remove it.'}
            {...(!e.managed && e.name && !e.previousInForce
              ? { action: <Button size="sm" variant="danger-soft" icon="trash" aria-label={`Remove ${e.name}`} onClick={() => onRemove(e.name ?? '')}>Remove</Button> }
              : {})}
          />
        );
      })}
    </div>
  );
}
