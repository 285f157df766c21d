import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBlocker, findElectronBinary, shouldDownloadElectron } from '../../main/shell/launch';

describe('findElectronBinary', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'airlock-launch-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const pkg = (): string => join(root, 'node_modules', 'electron');

  it('without the package', () => {
    expect(findElectronBinary(root, {})).toEqual({ missing: 'the electron package is not installed' });
  });

  it('with the package but no binary (ELECTRON_SKIP_BINARY_DOWNLOAD), without trying to download it', async () => {
    await mkdir(pkg(), { recursive: true });
    await writeFile(join(pkg(), 'package.json'), '{"name":"electron"}');
    expect(findElectronBinary(root, {})).toMatchObject({ missing: expect.stringContaining('not installed') });
    await writeFile(join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toMatchObject({ missing: expect.stringContaining('missing') });
  });

  it('finds the binary path.txt names, or the override', async () => {
    await mkdir(join(pkg(), 'dist'), { recursive: true });
    await writeFile(join(pkg(), 'package.json'), '{"name":"electron"}');
    await writeFile(join(pkg(), 'path.txt'), 'electron');
    await writeFile(join(pkg(), 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ path: join(pkg(), 'dist', 'electron') });
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'elsewhere') })).toMatchObject({ missing: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH') });
  });

  it('this checkout: a path or a reason, never an exception', () => {
    const r = findElectronBinary(process.cwd());
    expect('path' in r || 'missing' in r).toBe(true);
  });
});

describe('electronBlocker', () => {
  const binary = { path: '/x/electron' };

  it('runs with a binary and a display', () => {
    expect(electronBlocker({ binary, platform: 'linux', env: { DISPLAY: ':0' }, uid: 1000 })).toBeNull();
    expect(electronBlocker({ binary, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, uid: 1000 })).toBeNull();
    expect(electronBlocker({ binary, platform: 'darwin', env: {}, uid: 0 })).toBeNull();
    expect(electronBlocker({ binary, platform: 'win32', env: {} })).toBeNull();
  });

  it('gives one reason where it cannot', () => {
    expect(electronBlocker({ binary: { missing: 'the Electron binary is not installed' }, platform: 'linux', env: { DISPLAY: ':0' } }))
      .toBe('the Electron binary is not installed');
    expect(electronBlocker({ binary, platform: 'linux', env: {}, uid: 1000 })).toMatch(/no display/);
    expect(electronBlocker({ binary, platform: 'linux', env: { DISPLAY: ':0' }, uid: 0 })).toMatch(/root/);
    for (const why of [electronBlocker({ binary, platform: 'linux', env: {}, uid: 0 })!]) expect(why).not.toContain('\n');
  });
});

describe('shouldDownloadElectron (npm start on a first run)', () => {
  const missing = { missing: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed)' };

  it('fetches a missing binary where a display can show the app', () => {
    expect(shouldDownloadElectron(missing, 'linux', { DISPLAY: ':0' })).toBe(true);
    expect(shouldDownloadElectron(missing, 'darwin', {})).toBe(true);
    expect(shouldDownloadElectron(missing, 'win32', {})).toBe(true);
  });

  it('does not when the user opted out, on a headless machine, or when the binary is there', () => {
    expect(shouldDownloadElectron(missing, 'linux', { DISPLAY: ':0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe(false);
    expect(shouldDownloadElectron(missing, 'linux', {})).toBe(false);
    expect(shouldDownloadElectron({ path: '/x/electron' }, 'darwin', {})).toBe(false);
    expect(shouldDownloadElectron({ missing: 'the electron package is not installed' }, 'darwin', {})).toBe(false);
    expect(shouldDownloadElectron(missing, 'darwin', { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toBe(false);
  });
});
