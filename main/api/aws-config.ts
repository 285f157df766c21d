import type { AwsImportPreview } from '../../preload/aws-config';
import { applyImport, draftImport } from '../core/apps/aws-config-apply';
import type { ImportDraft, ImportSelection } from '../core/apps/aws-config-apply';
import { planImport, readAwsSetup } from '../core/apps/aws-config-import';
import type { AwsSetup } from '../core/apps/aws-config-types';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

/** The draft as the renderer sees it: the app-level settings only (each role carries its own). */
function previewView(draft: ImportDraft): AwsImportPreview {
  return {
    ...draft,
    apps: draft.apps.map(({ app, ...rest }) => ({
      ...rest,
      shared: { ...(app?.source ? { source: app.source } : {}), ...(app?.mfaSerial ? { mfaSerial: app.mfaSerial } : {}) },
    })),
  };
}

/**
 * "Import existing AWS setup" for the UI. The files are read afresh on every call, from where the
 * AWS SDK finds them in this process (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws):
 * the same files a profile source is resolved from at login.
 */
export function awsConfigHandlers(ctx: ApiContext): HandlersFor<'awsConfig.preview' | 'awsConfig.import'> {
  const draft = async (selection?: ImportSelection): Promise<{ setup: AwsSetup; draft: ImportDraft }> => {
    const setup = await readAwsSetup();
    const existing = ctx.host.apps.list();
    const plan = planImport(setup, { existingAppNames: existing.map((a) => a.name) });
    return { setup, draft: draftImport(setup, plan, { existingApps: existing, ...(selection ? { selection } : {}) }) };
  };
  return {
    'awsConfig.preview': async () => previewView((await draft()).draft),
    'awsConfig.import': async (req) => {
      const renames = Object.fromEntries(req.apps.filter((a) => a.name !== a.planned).map((a) => [a.planned, a.name]));
      const { setup, draft: chosen } = await draft({ apps: req.apps.map((a) => a.planned), renames });
      const result = await applyImport({ setup, draft: chosen, store: ctx.host.apps, moveKeys: req.moveKeys, vault: () => ctx.host.vault() });
      for (const c of result.created) ctx.emit('session.changed', { app: c.name });
      return result;
    },
  };
}
