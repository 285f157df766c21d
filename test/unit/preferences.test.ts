import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppStore } from '../../main/core/apps/store';
import { PreferencesStore } from '../../main/core/preferences';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'airlock-prefs-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const app = { name: 'prod', uri: 'https://console.aws.amazon.com/', partition: 'aws', region: 'us-east-1', labels: {},
  roleArns: [], endpoints: {}, createdAt: '2024-01-01T00:00:00.000Z' };

describe('PreferencesStore', () => {
  it('answers the defaults for a new home', () => {
    expect(new PreferencesStore(tmp()).get()).toEqual({ defaultDurationSeconds: 3600, theme: 'system', launchAtLogin: false });
  });

  it('keeps a config.json from before preferences valid, and its apps', () => {
    const home = tmp();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ apps: [app] }));
    expect(new PreferencesStore(home).get()).toEqual({ defaultDurationSeconds: 3600, theme: 'system', launchAtLogin: false });
    expect(new AppStore(home).get('prod').region).toBe('us-east-1');
  });

  it('fills in fields missing from stored preferences', () => {
    const home = tmp();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ apps: [], preferences: { theme: 'dark' } }));
    expect(new PreferencesStore(home).get()).toEqual({ defaultDurationSeconds: 3600, theme: 'dark', launchAtLogin: false });
  });

  it('refuses a config.json with an invalid preference, leaving it untouched', () => {
    const home = tmp();
    const text = JSON.stringify({ apps: [], preferences: { theme: 'purple' } });
    writeFileSync(join(home, 'config.json'), text);
    expect(() => new PreferencesStore(home)).toThrow(/config .* is invalid/);
    expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(text);
  });

  it('sets the fields given, keeps the others, and shares the file with the apps', () => {
    const home = tmp();
    const apps = new AppStore(home);
    apps.add({ name: 'prod', uri: 'https://console.aws.amazon.com/' });
    const prefs = new PreferencesStore(home);
    expect(prefs.set({ defaultDurationSeconds: 7200 })).toEqual({ defaultDurationSeconds: 7200, theme: 'system', launchAtLogin: false });
    expect(prefs.set({ theme: 'light', launchAtLogin: undefined })).toMatchObject({ defaultDurationSeconds: 7200, theme: 'light', launchAtLogin: false });
    expect(new PreferencesStore(home).get()).toEqual({ defaultDurationSeconds: 7200, theme: 'light', launchAtLogin: false });
    expect(new AppStore(home).list().map((a) => a.name)).toEqual(['prod']);
    // Adding an app later keeps the preferences.
    apps.add({ name: 'dev', uri: 'https://console.aws.amazon.com/' });
    expect(new PreferencesStore(home).get().defaultDurationSeconds).toBe(7200);
  });

  it('refuses invalid values, naming the field, and stores nothing', () => {
    const prefs = new PreferencesStore(tmp());
    expect(() => prefs.set({ defaultDurationSeconds: 600 })).toThrow(/defaultDurationSeconds/);
    expect(() => prefs.set({ defaultDurationSeconds: 43_201 })).toThrow(/defaultDurationSeconds/);
    expect(() => prefs.set({ defaultDurationSeconds: 1000.5 })).toThrow(/defaultDurationSeconds/);
    expect(() => prefs.set({ theme: 'purple' as never })).toThrow(/theme/);
    expect(() => prefs.set({ colour: 'red' } as never)).toThrow(/invalid preference/);
    expect(prefs.get()).toEqual({ defaultDurationSeconds: 3600, theme: 'system', launchAtLogin: false });
  });
});
