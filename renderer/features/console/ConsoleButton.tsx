import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement, ToggleEvent } from 'react';
import type { AppView } from '../../../preload/contract';
import { transport } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { consoleChoices } from './messages';
import type { ConsoleRequest } from './messages';
import { useConsoleLauncher } from './useConsoleLauncher';

/**
 * "Console" on an app row with a live session: the button opens the AWS console (desktop app: an
 * Airlock console window; web UI: a new tab); the arrow beside it offers the browser and the
 * DynamoDB console. The menu is a popover: in the top layer (the app list clips its rows), with
 * light dismiss and Esc from the browser.
 */
export function ConsoleButton({ app }: { app: AppView }): ReactElement {
  const launch = useConsoleLauncher();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLSpanElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const choices = consoleChoices(app.region, transport === 'electron');

  const run = async (req: Partial<ConsoleRequest>): Promise<void> => {
    if (menuRef.current?.matches(':popover-open')) menuRef.current.hidePopover();
    setBusy(true);
    try {
      await launch(app.name, req);
    } finally {
      setBusy(false);
    }
  };

  const items = (): HTMLButtonElement[] => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  // Placed under the arrow, right-aligned, before it shows (no flash at the popover's default spot).
  const onBeforeToggle = (e: ToggleEvent<HTMLDivElement>): void => {
    const toggle = wrapRef.current?.querySelector('[aria-haspopup="menu"]');
    if (e.newState !== 'open' || !toggle) return;
    const r = toggle.getBoundingClientRect();
    e.currentTarget.style.setProperty('top', `${Math.round(r.bottom + 4)}px`);
    e.currentTarget.style.setProperty('right', `${Math.max(8, Math.round(window.innerWidth - r.right))}px`);
  };

  const onToggle = (e: ToggleEvent<HTMLDivElement>): void => {
    const isOpen = e.newState === 'open';
    setOpen(isOpen);
    if (isOpen) items()[0]?.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number): void => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Tab') menuRef.current?.hidePopover();
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  return (
    <span className="console-split" ref={wrapRef}>
      <Button size="sm" icon="monitor" busy={busy} onClick={() => void run({ destination: 'home' })} aria-label={`Open the AWS console of ${app.name}`}
        title={transport === 'electron' ? 'Open the AWS console in an Airlock window' : 'Open the AWS console in a new tab'}>
        Console
      </Button>
      <IconButton icon="chevronDown" variant="secondary" label={`More ways to open the console of ${app.name}`} popoverTarget={menuId}
        aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} disabled={busy} />
      <div ref={menuRef} id={menuId} popover="auto" role="menu" aria-label={`Console of ${app.name}`} className="console-menu"
        onBeforeToggle={onBeforeToggle} onToggle={onToggle} onKeyDown={onMenuKey} onClick={(e) => e.stopPropagation()}>
        {choices.map((c) => (
          <button key={c.label} type="button" role="menuitem" className="console-menu-item" onClick={() => void run(c.req)}>
            <span className="console-menu-label">{c.label}</span>
            <span className="console-menu-detail">{c.detail}</span>
          </button>
        ))}
      </div>
    </span>
  );
}
