import type { AppDraft, ImportDraft, ImportResult, KeyCopyPlan, RoleDraft } from '../../core/apps/aws-config-apply';
import { CHAINED_BY, describeAppSource } from '../../core/apps/aws-config-apply';
import type { AwsFileInfo } from '../../core/apps/aws-config-types';

/** The text of `airlock apps import-aws-config`: the preview, then what was done. Never a key value. */

const MARK: Record<AppDraft['status'], string> = { ready: '+', 'not-importable': 'x', exists: '=', 'not-selected': '.' };
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function fileLine(f: AwsFileInfo): string {
  return `${f.path}${f.found ? '' : ' (not found)'}`;
}

/** "config line 7": the files are named once, at the top. */
function at(draft: ImportDraft, file: string, line: number): string {
  return `${file === draft.credentialsFile.path ? 'credentials' : file === draft.configFile.path ? 'config' : file} line ${line}`;
}

function roleText(draft: ImportDraft, r: RoleDraft, app: AppDraft): string[] {
  const head = `      ${r.imported ? '+' : 'x'} ${r.roleName}  profile ${r.profile} (${at(draft, r.file, r.line)})`;
  if (!r.imported) return [head, `          not imported: ${r.reason ?? ''}`];
  const details = [
    // A role's own source only where the app has none for all of them.
    !app.app?.source ? `source ${r.source ? describeAppSource(r.source) : "the app's credentials"}` : '',
    r.sourceText && !(r.source && describeAppSource(r.source) === r.sourceText) ? `credentials: ${r.sourceText}${r.chain.length > 1 ? ` via ${r.chain.join(' → ')}` : ''}` : '',
    r.mfaSerial && !app.app?.mfaSerial ? `MFA ${r.mfaSerial}` : '',
    r.durationSeconds ? `duration ${r.durationSeconds}s` : '',
    r.externalId ? `external id ${r.externalId}` : '',
    r.chained ? `chained (assumed with ${r.chainedBy ? CHAINED_BY[r.chainedBy] : 'another role session'}): 1-hour sessions` : '',
  ].filter(Boolean);
  return [
    head,
    ...(details.length ? [`          ${details.join(' · ')}`] : []),
    ...r.notes.map((n) => `          ${n.level === 'warning' ? '!' : '-'} ${n.text}`),
  ];
}

function appText(draft: ImportDraft, a: AppDraft): string[] {
  const renamed = a.name !== a.planned ? ` (planned as ${a.planned})` : '';
  const out = [`  ${MARK[a.status]} ${a.name}${renamed}  account ${a.accountId} · ${a.partition} · ${a.region}`];
  if (a.status === 'not-importable') out.push(`      not importable: ${a.reason ?? ''}`);
  if (a.status === 'exists') out.push(`      left out: ${a.reason ?? ''}`);
  if (a.status === 'not-selected') out.push('      not selected');
  const appLevel = [
    a.app?.source ? `source ${describeAppSource(a.app.source)}` : '',
    a.app?.mfaSerial ? `MFA ${a.app.mfaSerial}` : '',
  ].filter(Boolean);
  if (appLevel.length) out.push(`      ${appLevel.join(' · ')}`);
  for (const n of a.notes) out.push(`      ${n.level === 'warning' ? '!' : '-'} ${n.text}`);
  for (const r of a.roles) out.push(...roleText(draft, r, a));
  return out;
}

/** The preview: files read, apps with their roles, key profiles, problems. */
export function previewText(draft: ImportDraft, copies: KeyCopyPlan[]): string {
  const lines = [`AWS config file:      ${fileLine(draft.configFile)}`, `AWS credentials file: ${fileLine(draft.credentialsFile)}`, ''];
  const ready = draft.apps.filter((a) => a.status === 'ready').length;
  if (draft.apps.length === 0) {
    lines.push('Nothing to import: no profile has a role_arn or an SSO account.');
  } else {
    lines.push(`Apps: ${ready} to create of ${draft.apps.length} (+ create, x not importable, = Airlock has this account, . not selected)`);
    for (const a of draft.apps) lines.push(...appText(draft, a));
  }
  if (draft.keyProfiles.length) {
    lines.push('', 'Profiles with long-lived keys (they stay in the credentials file; --move-keys PROFILE copies them into the vault):');
    for (const k of draft.keyProfiles) {
      const copy = copies.find((c) => c.profile === k.profile);
      const facts = [
        k.hasSessionToken ? 'temporary (session token)' : '',
        k.usedBy.length ? `used by ${k.usedBy.join(', ')}` : 'used by no app',
        copy ? `copy into the vault of: ${copy.to.join(', ') || 'none'}` : k.movableTo.length ? `can be copied for ${k.movableTo.join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`  ${k.profile}  (${at(draft, k.file, k.line)})  ${facts.join(' · ')}`);
      for (const n of copy?.notCopied ?? []) lines.push(`      not for ${n.app}: ${n.reason}`);
    }
  }
  if (draft.problems.length) {
    const errors = draft.problems.filter((p) => p.severity === 'error').length;
    lines.push('', `Problems: ${plural(errors, 'error')}, ${plural(draft.problems.length - errors, 'warning')}`);
    for (const p of draft.problems) {
      const where = p.file ? `${p.file}${p.line !== undefined ? `:${p.line}` : ''}` : '(plan)';
      lines.push(`  ${p.severity.padEnd(7)} ${where}${p.section !== undefined ? ` [${p.section}]` : ''}  ${p.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What the import did. */
export function resultText(result: ImportResult, draft: ImportDraft): string {
  const lines: string[] = [];
  for (const c of result.created) lines.push(`Created app ${c.name} (${plural(c.roles.length, 'role')}: ${c.roles.join(', ')}).`);
  for (const s of result.skipped) lines.push(`Not imported: ${s.name}: ${s.reason}`);
  if (result.created.length === 0) lines.push('No app was created.');
  for (const k of result.keys) {
    lines.push(k.copiedTo.length
      ? `Copied the keys of profile ${k.profile} into the encrypted vault for: ${k.copiedTo.join(', ')}.`
      : `The keys of profile ${k.profile} were not copied: no app created is assumed with them directly.`);
    for (const n of k.notCopied) lines.push(`  not for ${n.app}: ${n.reason}`);
  }
  if (result.keysError) lines.push(`Copying keys failed: ${result.keysError.message}${result.keysError.hint ? ` (${result.keysError.hint})` : ''}`);
  // Profiles whose keys the created apps resolve from the file at each login (through their AWS profile source).
  const created = new Set(result.created.map((c) => c.planned));
  const reading = draft.apps.filter((a) => created.has(a.planned)).flatMap((a) => a.roles.filter((r) => r.imported && r.source?.kind === 'profile'));
  const keyUsers = draft.keyProfiles.map((k) => k.profile).filter((p) => reading.some((r) => r.keysProfile === p || r.chain.includes(p)));
  if (result.keys.some((k) => k.copiedTo.length > 0)) {
    lines.push(`${result.credentialsFile.path} was not changed: remove the keys from it yourself once nothing else needs them there.`);
  } else if (keyUsers.length > 0 && result.created.length > 0) {
    lines.push(`${result.credentialsFile.path} was not changed: the apps read the keys of ${keyUsers.join(', ')} from it at login.`);
  }
  const first = result.created[0];
  if (first) lines.push(`Next: airlock apps login ${first.name} --aws-role ${first.roles[0] ?? 'ROLE'}`);
  return `${lines.join('\n')}\n`;
}
