import { useId } from 'react';
import type { ReactElement } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { ManagedPolicyCard } from './ManagedPolicyCard';
import { PolicyFileCard } from './PolicyFileCard';

const EXAMPLE = `kind: role
version: v7
metadata:
  name: developer
spec:
  allow:
    app_labels:
      env: dev
    aws_role_arns:
      - 'arn:aws:iam::123456789012:role/{{email.local(external.email)}}'
      - '{{internal.aws_role_arns}}'
---
kind: user
version: v2
metadata:
  name: alice
spec:
  traits:
    aws_role_arns: ['arn:aws:iam::123456789012:role/ReadOnly']`;

/** The managed file (read only) and the imported ones (removable), with what each holds. */
export function PolicyFilesSection({ policy, onRemove }: { policy: PolicyView; onRemove: (name: string) => void }): ReactElement {
  const id = useId();
  const managedFile = policy.files.find((f) => f.managed);
  const imported = policy.files.filter((f) => !f.managed);
  return (
    <section className="policy-files" aria-labelledby={id}>
      <div className="policy-files-head">
        <h2 id={id} className="section-title">Policy files</h2>
        <p className="card-description">
          Role resources offer IAM roles to apps whose labels match their <code>allow.app_labels</code>; deny rules win. User resources give
          the <code>{'{{internal.*}}'}</code> traits. Values are shown as written, templates included.
        </p>
      </div>
      <ManagedPolicyCard managed={policy.managed} file={managedFile} />
      {imported.length ? (
        imported.map((f) => <PolicyFileCard key={f.path} file={f} onRemove={() => onRemove(f.name ?? '')} />)
      ) : (
        <div className="card policy-file policy-no-imports">
          <p><strong>No imported policy files.</strong> Import a YAML file of <code>kind: role</code> and <code>kind: user</code> resources with <em>Import policy file…</em> above, or from a terminal: <code>airlock policy import FILE.yaml</code>.</p>
          <details className="policy-example">
            <summary>Example policy file</summary>
            <pre className="code">{EXAMPLE}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
