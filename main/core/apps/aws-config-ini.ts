import type { AwsFileKind, ProblemCode } from './aws-config-types';

/**
 * A line-by-line pass over a shared config or credentials file. The values Airlock imports come
 * from the SDK's own parser (@smithy/shared-ini-file-loader), which silently drops what it cannot
 * read; this pass follows the same rules to tell where each section and setting is (line
 * numbers for the preview) and to report what the SDK would drop or misread.
 *
 * The rules it mirrors (those of the AWS SDK for JavaScript v3):
 * - a comment starts with # or ; at the start of a line or after whitespace;
 * - a section is a line [ ... ]; "[TYPE NAME]" with TYPE profile, sso-session or services (NAME
 *   optionally quoted, no spaces) is typed; [default] is the default profile; in the config file
 *   other sections are ignored, in the credentials file a section name is a profile name;
 * - a setting is "name = value"; a setting with an empty value opens a sub-section whose indented
 *   settings are named "parent.child";
 * - a section or setting seen twice is merged, the later value winning.
 */

export interface IniSetting {
  key: string;
  line: number;
}

export type IniSectionType = 'profile' | 'sso-session' | 'services' | 'ignored';

export interface IniSection {
  line: number;
  /** Between the brackets, as written (trimmed of the brackets only). */
  header: string;
  type: IniSectionType;
  /** Profile or session name; for ignored sections, the name someone may have meant. */
  name: string;
  /**
   * The key of this section in the SDK's parse of the file (loadSharedConfigFiles), undefined
   * when the SDK does not read it.
   */
  sdkKey: string | undefined;
  settings: IniSetting[];
}

export interface IniProblem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  line: number;
  section?: string;
  reason: string;
}

export interface IniScan {
  sections: IniSection[];
  problems: IniProblem[];
  /** The SDK refuses the whole file (a [__proto__] section): nothing of it is read. */
  refused: boolean;
}

const TYPED_HEADER = /^([\w-]+)\s(["']?)([\w@+.%:/-]+)\2$/;
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);
/** AWS CLI sections of the config file that are not profiles: not worth a warning. */
const KNOWN_CLI_SECTIONS = new Set(['plugins', 'preview']);
const REFUSED_HEADERS = new Set(['__proto__', 'profile __proto__']);

/** The line without its comment: # or ; at the start or after whitespace. */
export function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if ((c === '#' || c === ';') && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

interface Classified {
  type: IniSectionType;
  name: string;
  sdkKey: string | undefined;
  problem?: Omit<IniProblem, 'line' | 'section'>;
}

function classify(header: string, kind: AwsFileKind): Classified {
  const typed = TYPED_HEADER.exec(header);
  if (typed) {
    const prefix = typed[1]!;
    const name = typed[3]!;
    if (!SECTION_TYPES.has(prefix)) {
      return {
        type: 'ignored', name: '', sdkKey: undefined,
        problem: kind === 'config'
          ? { code: 'UNKNOWN_SECTION', severity: 'warning', reason: `"${prefix}" is not a section type (profile, sso-session, services): the section is ignored` }
          : { code: 'MALFORMED_SECTION_HEADER', severity: 'error', reason: 'a profile name cannot contain spaces: the section is ignored' },
      };
    }
    const type = prefix as 'profile' | 'sso-session' | 'services';
    if (kind === 'credentials') {
      if (type === 'profile') {
        return {
          type: 'ignored', name, sdkKey: undefined,
          problem: { code: 'PROFILE_PREFIX_IN_CREDENTIALS', severity: 'error', reason: `in the credentials file profiles are written [${name}], without "profile": this section is not read as profile "${name}"` },
        };
      }
      return {
        type: 'ignored', name, sdkKey: undefined,
        problem: { code: 'SECTION_IN_WRONG_FILE', severity: 'error', reason: `[${prefix} ...] sections belong in the config file: ignored here` },
      };
    }
    return { type, name, sdkKey: type === 'profile' ? name : `${type}.${name}` };
  }

  if (header === '') {
    return { type: 'ignored', name: '', sdkKey: undefined, problem: { code: 'MALFORMED_SECTION_HEADER', severity: 'error', reason: 'empty section name: the section is ignored' } };
  }
  if (/\s/.test(header)) {
    const meant = header.trim().split(/\s+/);
    const guess = meant.length === 2 && meant[0] === 'profile' ? meant[1]! : header.trim();
    return {
      type: 'ignored', name: guess, sdkKey: undefined,
      problem: { code: 'MALFORMED_SECTION_HEADER', severity: 'error', reason: 'not a valid section name (stray or double spaces, or spaces in a name): the section is ignored' },
    };
  }
  if (kind === 'credentials') return { type: 'profile', name: header, sdkKey: header };
  if (header === 'default') return { type: 'profile', name: 'default', sdkKey: 'default' };
  const dot = header.indexOf('.');
  if (dot > 0 && SECTION_TYPES.has(header.slice(0, dot))) {
    // The SDK reads [profile.dev] as profile dev; the AWS CLI does not.
    const type = header.slice(0, dot) as 'profile' | 'sso-session' | 'services';
    const name = header.slice(dot + 1);
    return {
      type, name, sdkKey: type === 'profile' ? name : header,
      problem: { code: 'NONSTANDARD_SECTION_HEADER', severity: 'warning', reason: `write [${type} ${name}]: the AWS SDK for JavaScript reads [${header}] but the AWS CLI ignores it` },
    };
  }
  if (KNOWN_CLI_SECTIONS.has(header)) return { type: 'ignored', name: '', sdkKey: undefined };
  return {
    type: 'ignored', name: header, sdkKey: undefined,
    problem: { code: 'UNKNOWN_SECTION', severity: 'error', reason: `in the config file profiles are written [profile ${header}]: [${header}] is ignored` },
  };
}

/** Scans one file's text. Pure: no file access, and no value is kept (only setting names). */
export function scanAwsIni(text: string, kind: AwsFileKind): IniScan {
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  let refused = false;
  /** The section settings go to; undefined before the first section and in ignored sections. */
  let current: IniSection | undefined;
  /** Whether a section header was seen yet, read or not. */
  let inSection = false;
  let subSection: string | undefined;

  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === '') return;

    if (content.startsWith('[') && content.endsWith(']')) {
      const header = content.slice(1, -1);
      subSection = undefined;
      let c: Classified;
      if (REFUSED_HEADERS.has(header)) {
        refused = true;
        c = { type: 'ignored', name: '', sdkKey: undefined, problem: { code: 'FORBIDDEN_SECTION_NAME', severity: 'error', reason: `the AWS SDK refuses a file with a [${header}] section: nothing in this file is read until it is renamed` } };
      } else {
        c = classify(header, kind);
      }
      const section: IniSection = { line, header, type: c.type, name: c.name, sdkKey: c.sdkKey, settings: [] };
      sections.push(section);
      if (c.problem) problems.push({ ...c.problem, line, section: header });
      inSection = true;
      current = c.type === 'ignored' ? undefined : section;
      return;
    }

    if (content.startsWith('[')) {
      const into = current ? `are read as part of [${current.header}]` : 'are ignored';
      problems.push({ code: 'MALFORMED_SECTION_HEADER', severity: 'error', line, ...(current ? { section: current.header } : {}), reason: `"${content}" is not a section header (no closing "]"): the settings below it ${into}` });
      return;
    }

    if (!inSection) {
      problems.push({ code: 'SETTING_OUTSIDE_SECTION', severity: 'warning', line, reason: 'text before the first [section] is ignored' });
      return;
    }
    if (!current) return; // inside a section the SDK ignores: reported at its header

    const eq = content.indexOf('=');
    if (eq === -1) {
      problems.push({ code: 'MALFORMED_LINE', severity: 'warning', line, section: current.header, reason: 'not a "name = value" setting: the line is ignored' });
      return;
    }
    if (eq === 0) {
      problems.push({ code: 'MALFORMED_LINE', severity: 'warning', line, section: current.header, reason: 'a setting without a name: the line is ignored' });
      return;
    }
    const name = content.slice(0, eq).trim();
    const value = content.slice(eq + 1).trim();
    if (value === '') {
      subSection = name;
      return;
    }
    if (subSection !== undefined && raw.trimStart() === raw) subSection = undefined;
    current.settings.push({ key: subSection !== undefined ? `${subSection}.${name}` : name, line });
  });

  markDuplicates(sections, kind, problems);
  problems.sort((a, b) => a.line - b.line);
  return { sections, problems, refused };
}

/**
 * Sections of one SDK key are merged by the SDK; [default] and [profile default] of the config
 * file both name the default profile, and the SDK then reads only [profile default].
 */
function markDuplicates(sections: IniSection[], kind: AwsFileKind, problems: IniProblem[]): void {
  if (kind === 'config') {
    const explicitDefault = sections.find((s) => s.type === 'profile' && s.name === 'default' && s.header !== 'default');
    if (explicitDefault) {
      for (const s of sections) {
        if (s.type === 'profile' && s.header === 'default') {
          s.sdkKey = undefined;
          problems.push({ code: 'DUPLICATE_PROFILE', severity: 'error', line: s.line, section: s.header, reason: `both [default] and [${explicitDefault.header}] (line ${explicitDefault.line}) define the default profile: the SDK reads only [${explicitDefault.header}]` });
        }
      }
    }
  }

  const firstOf = new Map<string, IniSection>();
  const settingLines = new Map<string, Map<string, number>>();
  for (const s of sections) {
    if (s.sdkKey === undefined) continue;
    const id = `${s.type}\u0000${s.name}`;
    const first = firstOf.get(id);
    if (first) {
      const what = s.type === 'sso-session' ? 'sso-session' : 'profile';
      problems.push({
        code: s.type === 'sso-session' ? 'DUPLICATE_SSO_SESSION' : 'DUPLICATE_PROFILE',
        severity: 'warning', line: s.line, section: s.header,
        reason: `${what} "${s.name}" is defined again (first at line ${first.line}): both are merged, later settings winning`,
      });
    } else {
      firstOf.set(id, s);
    }
    let seen = settingLines.get(s.sdkKey);
    if (!seen) settingLines.set(s.sdkKey, (seen = new Map()));
    for (const setting of s.settings) {
      const before = seen.get(setting.key);
      if (before !== undefined) {
        problems.push({ code: 'DUPLICATE_SETTING', severity: 'warning', line: setting.line, section: s.header, reason: `${setting.key} is set again (first at line ${before}): this later value is used` });
      }
      seen.set(setting.key, setting.line);
    }
  }
}
