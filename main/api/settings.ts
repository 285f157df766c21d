import type { SettingsView } from '../../preload/contract';
import { AirlockError } from '../core/errors';
import type { Preferences } from '../core/preferences';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

export function settingsHandlers(ctx: ApiContext): HandlersFor<'settings.get' | 'settings.set'> {
  const view = (p: Preferences): SettingsView => ({ ...p, launchAtLoginSupported: ctx.applyLaunchAtLogin !== undefined });
  return {
    'settings.get': async () => view(ctx.host.preferences.get()),
    'settings.set': async (req) => {
      const patch = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) as Partial<Preferences>;
      const { launchAtLogin } = patch;
      if (launchAtLogin !== undefined && launchAtLogin !== ctx.host.preferences.get().launchAtLogin) {
        if (!ctx.applyLaunchAtLogin) {
          throw new AirlockError('LAUNCH_AT_LOGIN_UNSUPPORTED', 'launch at login can be changed only in the Airlock desktop app (macOS and Windows)',
            'open the desktop app and change it in its Settings');
        }
        // The operating system first: if it refuses, the stored preference stays as it was.
        ctx.applyLaunchAtLogin(launchAtLogin);
      }
      return view(ctx.host.preferences.set(patch));
    },
  };
}
