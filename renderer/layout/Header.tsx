import type { ReactElement, RefObject } from 'react';
import { Kbd, MOD_KEY } from '../components/Chip';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { chooseTheme } from '../lib/settings';
import { THEME_PREFS, useThemePref } from '../lib/theme';
import type { ThemePref } from '../lib/theme';

const THEME_ICONS: Record<ThemePref, IconName> = { light: 'sun', dark: 'moon', system: 'monitor' };
const THEME_NAMES: Record<ThemePref, string> = { light: 'Light theme', dark: 'Dark theme', system: 'System theme' };

export function ThemeToggle(): ReactElement {
  const pref = useThemePref();
  return (
    <div className="segmented" role="group" aria-label="Theme">
      {THEME_PREFS.map((t) => (
        <button key={t} type="button" className="segment" aria-pressed={pref === t} aria-label={THEME_NAMES[t]} title={THEME_NAMES[t]} onClick={() => chooseTheme(t)}>
          <Icon name={THEME_ICONS[t]} size={14} />
        </button>
      ))}
    </div>
  );
}

export function Header({ search, onSearch, onPalette, searchRef }: {
  search: string;
  onSearch: (s: string) => void;
  onPalette: () => void;
  searchRef: RefObject<HTMLInputElement | null>;
}): ReactElement {
  return (
    <header className="topbar">
      <div className="search" role="search">
        <Icon name="search" size={15} className="search-icon" />
        <input
          ref={searchRef}
          className="search-input"
          type="search"
          aria-label="Search apps"
          placeholder="Search apps, labels, regions…"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Escape' && search) { e.preventDefault(); onSearch(''); } }}
          autoComplete="off"
          spellCheck={false}
        />
        <Kbd>/</Kbd>
      </div>
      <div className="topbar-actions">
        <button type="button" className="palette-trigger" onClick={onPalette} aria-label="Open command palette" aria-keyshortcuts="Control+K Meta+K">
          <Icon name="command" size={14} />
          <span>Commands</span>
          <Kbd>{MOD_KEY}</Kbd><Kbd>K</Kbd>
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
