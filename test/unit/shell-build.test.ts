import { mkdir, mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildElectron } from '../../main/shell/build/electron-build';

// Builds into a scratch folder under out/ (ignored by git), so the real out/ is left alone.
let outDir: string;
beforeAll(async () => {
  await mkdir(join(ROOT, 'out'), { recursive: true });
  outDir = await mkdtemp(join(ROOT, 'out', 'test-build-'));
}, 60_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('build:electron', () => {
  it('bundles main as ESM and the preload as CommonJS needing only electron', async () => {
    const r = await buildElectron({ outDir, force: true });
    expect(r.built).toBe(true);
    expect(r.main).toBe(join(outDir, 'main', 'index.js'));
    expect(r.preload).toBe(join(outDir, 'preload', 'index.cjs'));

    const preload = await readFile(r.preload, 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("airlock"');
    expect(preload).not.toMatch(/\bimport\b.*\bfrom\b/);

    const main = await readFile(r.main, 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).not.toMatch(/\brequire\(/); // ESM: Electron imports it
    // npm packages stay external (loaded from node_modules like the CLI does).
    expect(main).toMatch(/from "zod"/);
    expect(main).not.toContain('node_modules/');
  }, 60_000);

  it('skips the build when nothing changed, rebuilds when a source is newer than the bundles', async () => {
    await buildElectron({ outDir, force: true });
    expect((await buildElectron({ outDir })).built).toBe(false);
    // Age the outputs instead of touching a source file of the checkout.
    const old = new Date(Date.parse('2001-01-01T00:00:00Z'));
    for (const f of ['main/index.js', 'preload/index.cjs', '.build-inputs.json']) await utimes(join(outDir, f), old, old);
    expect((await buildElectron({ outDir })).built).toBe(true);
    expect((await stat(join(outDir, 'main', 'index.js'))).mtimeMs).toBeGreaterThan(old.getTime());
    // A missing output is rebuilt too.
    await rm(join(outDir, 'preload', 'index.cjs'));
    expect((await buildElectron({ outDir })).built).toBe(true);
  }, 60_000);
});
