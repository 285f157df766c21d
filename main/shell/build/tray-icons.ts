// Renders the tray icons (assets/tray/) and the app icon PNG (assets/icon.png) from SVG with a
// headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH). Run:
//   node --import tsx main/shell/build/tray-icons.ts
// The PNGs are committed; rerun only when assets/icon.svg changes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './electron-build';

// macOS menu-bar "Template" images: black + alpha only (the OS recolors them). The same two
// chamber doors and keyhole as assets/icon.svg, simplified to read at 16 px.
const TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
  <rect x="1.6" y="2.1" width="12.8" height="11.8" rx="2.6" fill="none" stroke="#000" stroke-width="1.5"/>
  <circle cx="8" cy="6.9" r="1.9" fill="#000"/>
  <path d="M7.05 8.2 L6.45 11.3 H9.55 L8.95 8.2 Z" fill="#000"/>
</svg>`;

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  const icon = readFileSync(join(ROOT, 'assets', 'icon.svg'), 'utf8');
  const outDir = join(ROOT, 'assets', 'tray');
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const render = async (svg: string, size: number, scale: number, file: string): Promise<void> => {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: scale });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
      process.stdout.write(`wrote ${file} (${size * scale}x${size * scale})\n`);
    };
    await render(TEMPLATE, 16, 1, join(outDir, 'trayTemplate.png'));
    await render(TEMPLATE, 16, 2, join(outDir, 'trayTemplate@2x.png'));
    await render(icon, 16, 1, join(outDir, 'tray.png'));
    await render(icon, 16, 2, join(outDir, 'tray@2x.png'));
    await render(icon, 512, 1, join(ROOT, 'assets', 'icon.png'));
  } finally {
    await browser.close();
  }
}

await main();
