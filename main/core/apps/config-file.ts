import Conf from 'conf';
import { z } from 'zod';
import { AirlockError } from '../errors';
import { ConfigSchema, DEFAULT_PREFERENCES, PreferencesSchema } from './model';
import type { ConfigData } from './model';

export type ConfigFile = Conf<ConfigData>;

/** The JSON schema conf checks: apps strictly; preferences as written (fields may be missing, defaults fill them in). */
function jsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...preferences } = z.toJSONSchema(PreferencesSchema, { io: 'input' });
  return { ...z.toJSONSchema(ConfigSchema).properties, preferences };
}

/**
 * AIRLOCK_HOME/config.json, kept by `conf` (atomic writes, JSON-schema validation) so the CLI,
 * the web host and the Electron app share one store. An invalid file is refused, never replaced.
 */
export function openConfigFile(home: string): ConfigFile {
  try {
    return new Conf<ConfigData>({
      cwd: home,
      configName: 'config',
      projectName: 'airlock',
      schema: jsonSchema() as never,
      defaults: { apps: [], preferences: { ...DEFAULT_PREFERENCES } },
      configFileMode: 0o600,
      clearInvalidConfig: false,
    });
  } catch (err) {
    throw new AirlockError('CONFIG_INVALID', `the Airlock config in ${home} is invalid: ${(err as Error).message}`,
      'fix or move config.json away; it was left untouched');
  }
}
