import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering rule the architecture relies on: main/core stays plain Node. */
describe('lint: main/core never imports electron', () => {
  const eslint = new ESLint();
  const code = "import { app } from 'electron';\nexport const name = app.getName();\n";

  it('is an error under main/core', async () => {
    const [result] = await eslint.lintText(code, { filePath: 'main/core/apps/uses-electron.ts' });
    expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [sub] = await eslint.lintText("import { BrowserWindow } from 'electron/main';\nexport const W = BrowserWindow;\n", { filePath: 'main/core/x.ts' });
    expect(sub!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('is allowed in the Electron shell', async () => {
    const [result] = await eslint.lintText(code, { filePath: 'main/shell/window.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
