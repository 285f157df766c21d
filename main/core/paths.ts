import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Airlock keeps its state. AIRLOCK_HOME wins; otherwise the same per-OS app-data folder
 * the Electron app uses (app.getPath('userData') for productName "Airlock").
 */
export function airlockHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.AIRLOCK_HOME) return env.AIRLOCK_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Airlock');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Airlock');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Airlock');
}

export interface AirlockPaths {
  home: string;
  config: string;
  vault: string;
  caDir: string;
  caCert: string;
  auditDir: string;
  localDynamo: string;
}

export function airlockPaths(home: string): AirlockPaths {
  return {
    home,
    config: join(home, 'config.json'),
    vault: join(home, 'vault'),
    caDir: join(home, 'ca'),
    caCert: join(home, 'ca', 'airlock-ca.pem'),
    auditDir: join(home, 'audit'),
    localDynamo: join(home, 'local-dynamodb'),
  };
}
