import { isNode, LineCounter, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { isRegexValue, labelValueProblem, WILDCARD } from './labels';
import { PolicyFileError } from './model';
import type { Policy, PolicyIssue, PolicyRole, PolicySource, PolicyUser, RoleConditions } from './model';
import { RESOURCE_KINDS, RoleResourceSchema, UserResourceSchema } from './schema';
import type { RoleConditionsResource } from './schema';
import { isTemplate, parseValue, TemplateError } from './template';

type Path = (string | number)[];

/**
 * Reads a policy file: YAML documents separated by `---`, each a `kind: role` or `kind: user`
 * resource. Throws PolicyFileError (AirlockError 'POLICY_INVALID') listing every problem as
 * `FILE line N: FIELD: what is wrong` — bad YAML, unknown kinds, missing or mistyped fields,
 * unsupported versions, template syntax and unknown template functions, bad regular expressions.
 */
export function parsePolicyFile(text: string, fileName: string): Policy {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: PolicyIssue[] = [];
  const policy: Policy = { roles: [], users: [] };
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  if (!Array.isArray(docs) || docs.length === 0) {
    const errors = (docs as { errors?: { message: string; pos: [number, number] }[] }).errors ?? [];
    for (const e of errors) issues.push({ file: fileName, line: lineAt(e.pos[0]), message: `invalid YAML: ${e.message}` });
    if (issues.length) throw new PolicyFileError(issues);
    return policy;
  }

  const seen = { role: new Map<string, number>(), user: new Map<string, number>() };
  for (const doc of docs) {
    if (doc.errors.length) {
      for (const e of doc.errors) issues.push({ file: fileName, line: lineAt(e.pos[0]), message: `invalid YAML: ${e.message}` });
      continue;
    }
    const contents = doc.contents;
    if (contents === null || (isNode(contents) && 'value' in contents && contents.value === null)) continue; // empty document
    const docLine = isNode(contents) && contents.range ? lineAt(contents.range[0]) : 1;
    const at = (path: Path): number => lineOfPath(doc, path, lineAt, docLine);
    const add = (path: Path, message: string): void => {
      issues.push({ file: fileName, line: at(path), ...(path.length ? { field: fieldName(path) } : {}), message });
    };

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      issues.push({ file: fileName, line: docLine, message: `invalid YAML: ${(err as Error).message}` });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      add([], 'expected a resource: a mapping with kind, version, metadata and spec');
      continue;
    }
    const kind = (value as Record<string, unknown>).kind;
    if (kind === undefined) {
      add([], `missing kind (${RESOURCE_KINDS.join(' or ')})`);
      continue;
    }
    if (kind !== 'role' && kind !== 'user') {
      add(['kind'], `unknown kind ${JSON.stringify(kind)}: a policy file holds ${RESOURCE_KINDS.join(' and ')} resources`);
      continue;
    }
    const source: PolicySource = { file: fileName, line: docLine };
    const schema = kind === 'role' ? RoleResourceSchema : UserResourceSchema;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(issue.path as Path, issueMessage(issue));
      continue;
    }
    const name = parsed.data.metadata.name;
    const first = seen[kind].get(name);
    if (first !== undefined) {
      add(['metadata', 'name'], `${kind} "${name}" is defined twice in this file (first at line ${first})`);
      continue;
    }
    seen[kind].set(name, docLine);
    if (parsed.data.kind === 'role') {
      const d = parsed.data;
      const role: PolicyRole = {
        name,
        version: d.version,
        allow: conditions(d.spec?.allow, ['spec', 'allow'], add),
        deny: conditions(d.spec?.deny, ['spec', 'deny'], add),
        source,
      };
      policy.roles.push(role);
    } else {
      const traits = Object.assign(Object.create(null) as Record<string, string[]>, parsed.data.spec?.traits ?? {});
      const user: PolicyUser = { name, traits, source };
      policy.users.push(user);
    }
  }
  if (issues.length) throw new PolicyFileError(issues);
  return policy;
}

/** Normalises one side of a role and checks its labels and templates, reporting into `add`. */
function conditions(c: RoleConditionsResource | null | undefined, at: Path, add: (path: Path, message: string) => void): RoleConditions {
  const appLabels = Object.create(null) as Record<string, string[]>;
  for (const [key, raw] of Object.entries(c?.app_labels ?? {})) {
    const values = typeof raw === 'string' ? [raw] : raw;
    const keyPath = [...at, 'app_labels', key];
    appLabels[key] = values;
    if (isTemplate(key)) {
      add(keyPath, 'label keys cannot hold templates; put the template in the value');
      continue;
    }
    if (key === WILDCARD && !(values.length === 1 && values[0] === WILDCARD)) {
      add(keyPath, `the wildcard label key '*' only takes the value '*' (matching every app)`);
      continue;
    }
    values.forEach((v, i) => {
      const path = typeof raw === 'string' ? keyPath : [...keyPath, i];
      if (isTemplate(v)) checkTemplate(v, path, add);
      else if (isRegexValue(v)) {
        const problem = labelValueProblem(v);
        if (problem) add(path, problem);
      }
    });
  }
  const awsRoleArns = [...(c?.aws_role_arns ?? [])];
  awsRoleArns.forEach((v, i) => {
    if (isTemplate(v)) checkTemplate(v, [...at, 'aws_role_arns', i], add);
  });
  return { appLabels, awsRoleArns };
}

function checkTemplate(value: string, path: Path, add: (path: Path, message: string) => void): void {
  try {
    parseValue(value);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    add(path, err.message);
  }
}

/** Zod's message without its generic "Invalid input: " lead (the schema's own messages have none). */
function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}

/** The line of the deepest node the path reaches (the parent's line for a missing field). */
function lineOfPath(doc: Document, path: Path, lineAt: (offset: number) => number, fallback: number): number {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return fallback;
}

/** `spec.allow.aws_role_arns[1]`, `spec.allow.app_labels["team/name"]`. */
export function fieldName(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
