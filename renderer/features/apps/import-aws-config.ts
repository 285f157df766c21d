/** The state of the "Import from AWS config" dialog: which planned apps, under which names, which keys. */
import type { AwsImportPreview, ImportAppView } from '../../../preload/aws-config';
import type { Request } from '../../../preload/contract';
import { APP_NAME_RE } from './parse';

export interface AppChoice {
  selected: boolean;
  name: string;
}

export type Choices = Record<string, AppChoice>;

/** Apps the plan offers to create; the others (not importable) are shown, never chosen. */
export const canImport = (a: ImportAppView): boolean => a.status !== 'not-importable';

/** What the core would import by default: every importable app whose account Airlock does not have. */
export function initialChoices(preview: AwsImportPreview): Choices {
  return Object.fromEntries(preview.apps.map((a) => [a.planned, { selected: a.status === 'ready', name: a.name }]));
}

/** Per planned app, why its name cannot be used (checked again on the main side). */
export function nameErrors(choices: Choices, existingNames: readonly string[]): Record<string, string> {
  const taken = new Map(existingNames.map((n) => [n.toLowerCase(), n]));
  const seen = new Map<string, string>();
  const errors: Record<string, string> = {};
  for (const [planned, c] of Object.entries(choices)) {
    if (!c.selected) continue;
    const name = c.name.trim();
    const key = name.toLowerCase();
    if (!APP_NAME_RE.test(name)) errors[planned] = 'Use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.';
    else if (taken.has(key)) errors[planned] = `Airlock already has an app named “${taken.get(key)}”; it is never overwritten.`;
    else if (seen.has(key)) errors[planned] = `Also the name chosen for ${seen.get(key)}.`;
    else seen.set(key, planned);
  }
  return errors;
}

/** Key profiles whose keys would go to at least one chosen app, with those apps (by their chosen names). */
export function copyTargets(preview: AwsImportPreview, choices: Choices): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of preview.keyProfiles) {
    out[k.profile] = preview.apps
      .filter((a) => a.movableKeys === k.profile && choices[a.planned]?.selected)
      .map((a) => choices[a.planned]!.name);
  }
  return out;
}

/** The awsConfig.import request; only keys with a target are asked for. */
export function importRequest(preview: AwsImportPreview, choices: Choices, moveKeys: ReadonlySet<string>): Request<'awsConfig.import'> {
  const targets = copyTargets(preview, choices);
  return {
    apps: preview.apps.filter((a) => canImport(a) && choices[a.planned]?.selected).map((a) => ({ planned: a.planned, name: choices[a.planned]!.name.trim() })),
    moveKeys: [...moveKeys].filter((p) => (targets[p] ?? []).length > 0),
  };
}

/** "config line 7": the dialog names the two files once, at the top. */
export function fileLabel(preview: AwsImportPreview, file: string | undefined): string {
  if (file === preview.configFile.path) return 'config';
  if (file === preview.credentialsFile.path) return 'credentials';
  return file ?? '';
}

export function durationText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h && m ? `${h} h ${m} min` : h ? `${h} h` : `${m} min`;
}
