import { useId } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { transport } from '../../api';
import { Icon } from '../../components/Icon';
import type { IconName } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { durationOptions } from '../../lib/prefs';
import { chooseTheme, saveSettings, useSettings } from '../../lib/settings';
import { THEME_PREFS, useThemePref } from '../../lib/theme';
import type { ThemePref } from '../../lib/theme';
import { CredentialsSection } from './CredentialsSection';

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }): ReactElement {
  const id = useId();
  return (
    <section className="card settings-section" aria-labelledby={id}>
      <div className="settings-section-head">
        <h2 id={id} className="card-title">{title}</h2>
        {description ? <p className="card-description">{description}</p> : null}
      </div>
      <div className="settings-section-body">{children}</div>
    </section>
  );
}

const THEME_META: Record<ThemePref, { label: string; icon: IconName }> = {
  light: { label: 'Light', icon: 'sun' },
  dark: { label: 'Dark', icon: 'moon' },
  system: { label: 'System', icon: 'monitor' },
};

/** A tiny picture of the window in one theme, for the theme choice. */
function MiniWindow({ tone, clipped = false }: { tone: 'light' | 'dark'; clipped?: boolean }): ReactElement {
  return (
    <span className={`sw-layer sw-${tone}${clipped ? ' sw-clipped' : ''}`}>
      <span className="sw-side" />
      <span className="sw-main"><span className="sw-bar" /><span className="sw-bar sw-bar-short" /><span className="sw-card" /></span>
    </span>
  );
}

export function ThemeChoice(): ReactElement {
  const pref = useThemePref();
  const id = useId();
  return (
    <fieldset className="theme-choice" aria-labelledby={id}>
      <legend id={id} className="field-label">Theme</legend>
      {THEME_PREFS.map((t) => (
        <label key={t} className={`theme-option${pref === t ? ' is-selected' : ''}`}>
          <input type="radio" name="theme" value={t} checked={pref === t} onChange={() => chooseTheme(t)} />
          <span className="theme-swatch" aria-hidden="true">
            {t !== 'dark' ? <MiniWindow tone="light" /> : null}
            {t !== 'light' ? <MiniWindow tone="dark" clipped={t === 'system'} /> : null}
          </span>
          <span className="theme-option-label"><Icon name={THEME_META[t].icon} size={14} />{THEME_META[t].label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function launchAtLoginHint(supported: boolean): string {
  if (supported) return 'Airlock starts in the tray when you log in to your computer, without opening its window.';
  return transport === 'electron'
    ? 'Not available on this operating system: only macOS and Windows let Airlock start at login.'
    : 'Available in the Airlock desktop app: the web UI cannot register Airlock with your operating system.';
}

export function SettingsView({ focusApp }: { focusApp?: string }): ReactElement {
  const prefs = useSettings();
  const toast = useToast();
  const durationId = useId();
  const loginHintId = useId();
  const save = (patch: Parameters<typeof saveSettings>[0], what: string): void => {
    saveSettings(patch).catch((err: unknown) => toast.error(`Could not save ${what}`, err));
  };
  return (
    <>
      <PageHeader title="Settings" description="Preferences are kept in Airlock's configuration, shared by the desktop app, the web UI and the CLI; keys in the encrypted Airlock vault." />
      <div className="settings">
        <Section title="Appearance" description="System follows your operating system's light or dark mode.">
          <ThemeChoice />
        </Section>
        <Section title="Sessions" description="Used when you log in from the command palette or with airlock apps login (without --duration), and preselected in the role selector.">
          <div className="field inline-field">
            <label className="field-label" htmlFor={durationId}>Default session duration</label>
            <select id={durationId} className="input select" value={prefs.defaultDurationSeconds}
              onChange={(e) => save({ defaultDurationSeconds: Number(e.target.value) }, 'the default session duration')}>
              {durationOptions(prefs.defaultDurationSeconds).map((d) => <option key={d.seconds} value={d.seconds}>{d.label}</option>)}
            </select>
          </div>
        </Section>
        <Section title="Startup">
          <div className="field">
            <label className="switch-field">
              <input type="checkbox" role="switch" checked={prefs.launchAtLogin} disabled={!prefs.launchAtLoginSupported}
                aria-describedby={loginHintId} onChange={(e) => save({ launchAtLogin: e.target.checked }, 'launch at login')} />
              <span className="field-label">Launch at login</span>
            </label>
            <p className="field-hint" id={loginHintId}>{launchAtLoginHint(prefs.launchAtLoginSupported)}</p>
          </div>
        </Section>
        <Section
          title="Source credentials"
          description="The long-term keys Airlock assumes each app's roles with. They are encrypted in the Airlock vault; the secret is never shown again, not even here."
        >
          <CredentialsSection {...(focusApp ? { focusApp } : {})} />
        </Section>
        <Section title="About">
          <dl className="about">
            <div><dt>Connection</dt><dd>{transport === 'electron' ? 'Desktop app' : 'Web UI on 127.0.0.1, token-protected (airlock ui)'}</dd></div>
          </dl>
        </Section>
      </div>
    </>
  );
}
