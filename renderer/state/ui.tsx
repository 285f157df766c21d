import { createContext, useContext } from 'react';

export type View = 'apps' | 'tables' | 'proxies' | 'policy' | 'audit' | 'settings';

export interface RoleSelectorRequest {
  app: string;
  roleArn?: string;
  /** The server answered MFA_REQUIRED: ask for a code even if the app names no MFA device. */
  mfaRequired?: boolean;
}

/** Window-level actions any screen may trigger (dialogs live at the top so only one is open). */
export interface Ui {
  view: View;
  navigate(view: View): void;
  search: string;
  setSearch(s: string): void;
  openRoleSelector(req: RoleSelectorRequest): void;
  openAddApp(): void;
  /** The add dialog in edit mode for this app. */
  openEditApp(app: string): void;
  openStartProxy(app?: string): void;
  openPalette(): void;
  /** The Tables view on this app (and table). */
  openTables(app?: string, table?: string): void;
  /** Logs in with the default duration; asks through the role selector when an MFA code is needed. */
  quickLogin(app: string, roleArn: string): Promise<void>;
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const u = useContext(UiContext);
  if (!u) throw new Error('useUi outside the App');
  return u;
}
