import { openConfigFile } from './apps/config-file';
import type { ConfigFile } from './apps/config-file';
import { DEFAULT_PREFERENCES, PreferencesPatchSchema, PreferencesSchema } from './apps/model';
import type { Preferences } from './apps/model';
import { AirlockError } from './errors';

export type { Preferences } from './apps/model';

/**
 * The user's preferences (default session duration, theme, launch at login), kept in
 * AIRLOCK_HOME/config.json next to the apps, so the CLI, the web UI and the desktop app agree.
 */
export class PreferencesStore {
  private readonly conf: ConfigFile;

  constructor(home: string | ConfigFile) {
    this.conf = typeof home === 'string' ? openConfigFile(home) : home;
  }

  /** The stored preferences, with defaults for anything not stored (older config files). */
  get(): Preferences {
    const parsed = PreferencesSchema.safeParse(this.conf.get('preferences') ?? {});
    return parsed.success ? parsed.data : { ...DEFAULT_PREFERENCES };
  }

  /** Validates and stores the fields given (undefined ones keep their value); answers the result. */
  set(patch: Partial<Preferences>): Preferences {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const parsed = PreferencesPatchSchema.safeParse(defined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new AirlockError('BAD_PREFERENCE', `invalid preference ${where}${issue?.message ?? 'bad value'}`,
        'defaultDurationSeconds is 900 to 43200; theme is light, dark or system; launchAtLogin is true or false');
    }
    const next = PreferencesSchema.parse({ ...this.get(), ...parsed.data });
    this.conf.set('preferences', next);
    return next;
  }
}
