import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAND_HEIGHT, bandDataUrl, bandHtml, consoleLayout } from '../../main/shell/console-band';
import {
  consoleDownloadDialog, consoleNavigation, consoleSite, consoleWindowOpen, consoleWindowTitle, isConsolePermissionAllowed, isConsoleUrl,
  safeDownloadName,
} from '../../main/shell/console-guard';
import { isTrustedSender } from '../../main/shell/ipc';

const APP_URL = 'file:///opt/Airlock/resources/app.asar/dist/renderer/index.html';
const OWNER = { app: 'prod', roleName: 'Admin', accountId: '111122223333' };

describe('console window: where it may navigate', () => {
  const aws = consoleSite('aws');

  it('the aws partition: its console and sign-in hosts, with regional subdomains, https on the default port only', () => {
    for (const ok of [
      'https://console.aws.amazon.com/',
      'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#tables',
      'https://s3.console.aws.amazon.com/s3/buckets',
      'https://signin.aws.amazon.com/federation?Action=login&SigninToken=x',
      'https://us-east-1.signin.aws.amazon.com/oauth?Action=logout',
      'HTTPS://CONSOLE.AWS.AMAZON.COM/',
    ]) expect(isConsoleUrl(ok, aws), ok).toBe(true);
    for (const no of [
      'http://console.aws.amazon.com/',
      'https://console.aws.amazon.com:8443/',
      'https://user:pw@console.aws.amazon.com/',
      'https://console.aws.amazon.com.evil.example/',
      'https://evilconsole.aws.amazon.com/',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/',
      'https://aws.amazon.com/',
      'https://mybucket.s3.amazonaws.com/report.csv',
      'https://console.amazonaws-us-gov.com/',
      'https://console.amazonaws.cn/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
    ]) expect(isConsoleUrl(no, aws), no).toBe(false);
  });

  it('GovCloud and China: their own hosts, not the others\'', () => {
    const gov = consoleSite('aws-us-gov');
    expect(isConsoleUrl('https://console.amazonaws-us-gov.com/', gov)).toBe(true);
    expect(isConsoleUrl('https://us-gov-west-1.console.amazonaws-us-gov.com/', gov)).toBe(true);
    expect(isConsoleUrl('https://signin.amazonaws-us-gov.com/federation', gov)).toBe(true);
    expect(isConsoleUrl('https://console.aws.amazon.com/', gov)).toBe(false);
    const cn = consoleSite('aws-cn');
    expect(isConsoleUrl('https://console.amazonaws.cn/', cn)).toBe(true);
    expect(isConsoleUrl('https://signin.amazonaws.cn/federation', cn)).toBe(true);
    expect(isConsoleUrl('https://cn-north-1.console.amazonaws.cn/dynamodbv2/home', cn)).toBe(true);
    expect(isConsoleUrl('https://console.aws.amazon.com/', cn)).toBe(false);
    expect(isConsoleUrl('https://s3.cn-north-1.amazonaws.com.cn/', cn)).toBe(false);
  });

  it('adds the origin of the app\'s federation endpoint override, exactly (scheme, host and port)', () => {
    const site = consoleSite('aws', 'http://127.0.0.1:4567/federation');
    expect(site.origins).toEqual(['http://127.0.0.1:4567']);
    expect(isConsoleUrl('http://127.0.0.1:4567/federation?Action=login&SigninToken=t', site)).toBe(true);
    expect(isConsoleUrl('http://127.0.0.1:4568/federation', site)).toBe(false);
    expect(isConsoleUrl('http://localhost:4567/federation', site)).toBe(false);
    expect(isConsoleUrl('https://127.0.0.1:4567/federation', site)).toBe(false);
    // The partition's own hosts stay allowed: the fixture redirects to the real console URL.
    expect(isConsoleUrl('https://console.aws.amazon.com/', site)).toBe(true);
    expect(consoleSite('aws', 'https://signin.example.org/federation').origins).toEqual(['https://signin.example.org']);
  });

  it('ignores an override the sign-in itself would refuse (plain http off loopback, junk)', () => {
    expect(consoleSite('aws', 'http://signin.example.org/federation').origins).toEqual([]);
    expect(consoleSite('aws', 'not a url').origins).toEqual([]);
    expect(consoleSite('aws', '').origins).toEqual([]);
  });

  it('navigation: stays on the console site; anything else is refused, https handed to the browser', () => {
    expect(consoleNavigation('https://console.aws.amazon.com/iam/home', aws)).toEqual({ allow: true });
    expect(consoleNavigation('https://docs.aws.amazon.com/iam/', aws)).toEqual({ allow: false, openExternal: 'https://docs.aws.amazon.com/iam/' });
    expect(consoleNavigation('http://example.com/', aws)).toEqual({ allow: false, openExternal: null });
    expect(consoleNavigation('file:///etc/passwd', aws)).toEqual({ allow: false, openExternal: null });
    expect(consoleNavigation('https://u:p@evil.example/', aws)).toEqual({ allow: false, openExternal: null });
  });

  it('new windows: console URLs become another console window (same partition), https the browser, the rest nothing', () => {
    expect(consoleWindowOpen('https://us-east-1.console.aws.amazon.com/cloudshell/home', aws))
      .toEqual({ open: 'console', url: 'https://us-east-1.console.aws.amazon.com/cloudshell/home' });
    expect(consoleWindowOpen('https://aws.amazon.com/pricing/', aws)).toEqual({ open: 'external', url: 'https://aws.amazon.com/pricing/' });
    for (const none of ['about:blank', '', 'javascript:void(0)', 'http://example.com/', 'file:///tmp/x', 'data:text/html,hi']) {
      expect(consoleWindowOpen(none, aws), none).toEqual({ open: 'none' });
    }
    const fixture = consoleSite('aws', 'http://127.0.0.1:4567/federation');
    expect(consoleWindowOpen('http://127.0.0.1:4567/federation?Action=login', fixture).open).toBe('console');
  });

  it('permissions: clipboard writes from the console site only; nothing else', () => {
    expect(isConsolePermissionAllowed('clipboard-sanitized-write', 'https://console.aws.amazon.com/iam/home', aws)).toBe(true);
    expect(isConsolePermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', aws)).toBe(false);
    expect(isConsolePermissionAllowed('clipboard-sanitized-write', undefined, aws)).toBe(false);
    for (const p of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen', 'hid', 'fileSystem']) {
      expect(isConsolePermissionAllowed(p, 'https://console.aws.amazon.com/', aws), p).toBe(false);
    }
  });

  it('never counts as the Airlock page for IPC: no console or band URL is a trusted sender', () => {
    for (const url of ['https://console.aws.amazon.com/', 'http://127.0.0.1:4567/federation', bandDataUrl(OWNER, '#2a4d6e'), 'about:blank']) {
      expect(isTrustedSender(url, true, APP_URL), url).toBe(false);
    }
    expect(isTrustedSender(`${APP_URL}#apps`, true, APP_URL)).toBe(true);
  });
});

describe('console window: downloads and title', () => {
  it('downloads go through a save dialog in the downloads folder, under a bare, printable name', () => {
    expect(consoleDownloadDialog('results.csv', '/home/me/Downloads', OWNER)).toEqual({
      title: 'Save a file from the AWS console (prod, Admin)',
      buttonLabel: 'Save',
      defaultPath: join('/home/me/Downloads', 'results.csv'),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    expect(safeDownloadName('../../.bashrc')).toBe('bashrc');
    expect(safeDownloadName('C:\\Windows\\evil.bat')).toBe('evil.bat');
    expect(safeDownloadName('a\u0000b<c>:d|e?.txt')).toBe('a_b_c__d_e_.txt');
    expect(safeDownloadName('')).toBe('download');
    expect(safeDownloadName('...')).toBe('download');
    expect(safeDownloadName('x'.repeat(300))).toHaveLength(180);
  });

  it('the title names app, role and account, then the page', () => {
    expect(consoleWindowTitle('prod — Admin (111122223333)', 'DynamoDB | eu-west-1')).toBe('prod — Admin (111122223333) · DynamoDB | eu-west-1');
    expect(consoleWindowTitle('prod — Admin (111122223333)', '   ')).toBe('prod — Admin (111122223333)');
    expect(consoleWindowTitle('prod — Admin (111122223333)', undefined)).toBe('prod — Admin (111122223333)');
    expect(consoleWindowTitle('b', `a\n${'x'.repeat(300)}`)).toHaveLength(4 + 120);
  });
});

describe('console window: the colour band', () => {
  it('lays the band across the top and the console below, at any size', () => {
    expect(consoleLayout({ width: 1280, height: 860 })).toEqual({
      band: { x: 0, y: 0, width: 1280, height: BAND_HEIGHT },
      console: { x: 0, y: BAND_HEIGHT, width: 1280, height: 860 - BAND_HEIGHT },
    });
    expect(consoleLayout({ width: 800.7, height: 10 })).toEqual({ band: { x: 0, y: 0, width: 800, height: 10 }, console: { x: 0, y: 10, width: 800, height: 0 } });
    expect(consoleLayout({ width: -5, height: -5 }).console).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('names app, role and account on the app colour, escaped, with a CSP that admits only its own stylesheet', () => {
    const html = bandHtml(OWNER, '#2a4d6e');
    expect(html).toContain('<b>prod</b><span>Admin</span><span class="dim">account 111122223333</span>');
    expect(html).toContain('background:#2a4d6e;');
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    const css = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    expect(html).toContain(`content="default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'"`);
    const odd = bandHtml({ app: 'a<b>', roleName: '"x"&y', accountId: '' }, 'red;}body{background:url(//evil)');
    expect(odd).toContain('<b>a&#60;b&#62;</b><span>&#34;x&#34;&#38;y</span><span class="end">');
    expect(odd).not.toContain('evil');
    expect(odd).toContain('background:#3a3a3a;');
  });

  it('is a data: URL of that page', () => {
    const url = bandDataUrl(OWNER, '#2a4d6e');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length))).toBe(bandHtml(OWNER, '#2a4d6e'));
  });
});
