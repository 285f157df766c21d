import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';

type Conditions = PolicyView['files'][number]['roles'][number]['allow'];

const isTemplate = (v: string): boolean => v.includes('{{');

/** A value as written in the file; templates are marked, since they expand per user. */
function PolicyValue({ value }: { value: string }): ReactElement {
  return (
    <code className={`policy-value${isTemplate(value) ? ' is-template' : ''}`} title={isTemplate(value) ? 'Template: expanded from your traits' : undefined}>
      {value}
    </code>
  );
}

export function isEmptyConditions(c: Conditions): boolean {
  return Object.keys(c.appLabels).length === 0 && c.awsRoleArns.length === 0;
}

/** One side of a role (allow or deny): app_labels and aws_role_arns, exactly as the file has them. */
export function ConditionsList({ side, conditions }: { side: 'allow' | 'deny'; conditions: Conditions }): ReactElement {
  const labels = Object.entries(conditions.appLabels);
  return (
    <div className={`policy-side is-${side}`}>
      <span className="policy-side-name">{side === 'allow' ? 'Allow' : 'Deny'}</span>
      <div className="policy-side-body">
      <dl className="policy-conditions">
        {labels.length ? (
          <div>
            <dt>app_labels</dt>
            <dd>
              <ul className="policy-values" aria-label={`${side} app_labels`}>
                {labels.map(([key, values]) => (
                  <li key={key}><code className="policy-value">{key}</code><span className="policy-eq">:</span>{values.map((v, i) => <PolicyValue key={`${i}:${v}`} value={v} />)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {conditions.awsRoleArns.length ? (
          <div>
            <dt>aws_role_arns</dt>
            <dd>
              <ul className="policy-values" aria-label={`${side} aws_role_arns`}>
                {conditions.awsRoleArns.map((v, i) => <li key={`${i}:${v}`}><PolicyValue value={v} /></li>)}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {side === 'allow' && labels.length === 0 && conditions.awsRoleArns.length > 0 ? (
        <p className="policy-note">No allow.app_labels: these ARNs are offered for no app.</p>
      ) : null}
      </div>
    </div>
  );
}
