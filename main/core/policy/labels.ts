import { compileGoRegexp, goRegexpProblem } from './go-regexp';

/** A role's app_labels: label key → accepted values (a single YAML string becomes a one-value list). */
export type LabelSelector = Readonly<Record<string, readonly string[]>>;

export const WILDCARD = '*';

/**
 * Teleport's label matching for app_labels:
 * - no keys at all matches no app (roles v4 and later);
 * - `'*': '*'` matches every app, whatever its labels;
 * - every other key must match (AND): the app must have that label, and its value must match
 *   one of the listed values (OR);
 * - a value `'*'` matches any value of that key, `^…$` is a Go regular expression, and any other
 *   `*` is a glob (`us-west-*`); everything else is compared literally.
 */
export function labelsMatch(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  if (Object.hasOwn(selector, WILDCARD) && selector[WILDCARD]!.includes(WILDCARD)) return true;
  for (const key of keys) {
    if (key === WILDCARD) return false; // '*' with another value: refused when parsing
    if (!Object.hasOwn(labels, key)) return false;
    const value = labels[key]!;
    if (!selector[key]!.some((pattern) => labelValueMatches(pattern, value))) return false;
  }
  return true;
}

/** Whether one selector value (literal, `*`, glob or `^regex$`) accepts a label value. */
export function labelValueMatches(pattern: string, value: string): boolean {
  if (pattern === WILDCARD) return true;
  const re = patternRegExp(pattern);
  return re ? re.test(value) : false;
}

/** True for values Teleport reads as regular expressions. */
export function isRegexValue(pattern: string): boolean {
  return pattern.length >= 2 && pattern.startsWith('^') && pattern.endsWith('$');
}

/** Why a literal selector value cannot work (a bad regular expression), or undefined. */
export function labelValueProblem(pattern: string): string | undefined {
  return isRegexValue(pattern) ? goRegexpProblem(pattern) : undefined;
}

const cache = new Map<string, RegExp | null>();

function patternRegExp(pattern: string): RegExp | null {
  let re = cache.get(pattern);
  if (re !== undefined) return re;
  if (isRegexValue(pattern)) {
    try {
      re = compileGoRegexp(pattern);
    } catch {
      re = null; // an expanded trait that is not a valid expression matches nothing
    }
  } else {
    const glob = pattern.split(WILDCARD).map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
    re = new RegExp(`^${glob}$`, 's');
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}
