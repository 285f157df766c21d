import { AirlockError } from '../errors';
import type { SecretCipher } from './cipher';
import { peekVault } from './envelope';
import { KeyringCipher } from './keyring-cipher';
import type { KeyringProbe } from './keyring-cipher';
import { PassphraseCipher } from './passphrase-cipher';
import type { ScryptParams } from './passphrase-cipher';
import { promptSecretFromTty } from './prompt-secret';
import type { SecretPrompt } from './prompt-secret';

export interface ChooseCipherOptions {
  env?: NodeJS.ProcessEnv;
  vaultPath: string;
  /** Whether a person can be asked; defaults to stdin being a terminal. */
  interactive?: boolean;
  /** Asks for a passphrase without echo; defaults to the terminal. */
  prompt?: SecretPrompt;
  /** Overrides for tests; production uses the OS keyring and default scrypt costs. */
  keyring?: {
    probe: () => Promise<KeyringProbe>;
    create: () => SecretCipher;
  };
  scrypt?: Partial<ScryptParams>;
}

const CIPHERS = ['passphrase', 'keyring'] as const;
type CliCipherId = (typeof CIPHERS)[number];

/**
 * Picks how the vault is unlocked. AIRLOCK_CIPHER forces one; else an existing vault uses the
 * cipher it records; else AIRLOCK_PASSPHRASE, the OS keyring, a typed passphrase, in that order.
 * The passphrase comes from the environment or the terminal, never from argv (visible in `ps`).
 */
export async function chooseCipher(opts: ChooseCipherOptions): Promise<SecretCipher> {
  const env = opts.env ?? process.env;
  const keyring = opts.keyring ?? {
    probe: () => KeyringCipher.probe(opts.vaultPath),
    create: () => new KeyringCipher(opts.vaultPath),
  };
  const forced = env.AIRLOCK_CIPHER?.trim();
  if (forced && !(CIPHERS as readonly string[]).includes(forced)) {
    throw new AirlockError('VAULT_CIPHER', `unknown AIRLOCK_CIPHER '${forced}'`, `use one of: ${CIPHERS.join(', ')}`);
  }
  const peek = await peekVault(opts.vaultPath);
  const recorded = peek.exists ? peek.cipher : null;
  const isNewVault = !peek.exists;

  const wanted: CliCipherId | undefined = (forced as CliCipherId | undefined) ?? knownCipher(recorded, opts.vaultPath);
  if (wanted === 'keyring') {
    const probe = await keyring.probe();
    if (!probe.available) throw keyringUnavailable(probe.reason, recorded === 'keyring');
    return keyring.create();
  }
  if (wanted === 'passphrase' || env.AIRLOCK_PASSPHRASE) {
    return new PassphraseCipher(await passphrase(opts, env, isNewVault), opts.scrypt);
  }

  const probe = await keyring.probe();
  if (probe.available) return keyring.create();
  if (isInteractive(opts)) return new PassphraseCipher(await askPassphrase(opts, isNewVault), opts.scrypt);
  throw new AirlockError('VAULT_NO_CIPHER',
    `cannot unlock the Airlock vault: AIRLOCK_PASSPHRASE is not set and the OS keyring is unavailable (${probe.reason})`,
    'set AIRLOCK_PASSPHRASE in the environment, run in a terminal to type a passphrase, or install and unlock an OS keyring (on Linux a Secret Service such as gnome-keyring or KeePassXC)');
}

/** The cipher an existing vault records, if the CLI can open it. */
function knownCipher(recorded: string | null, vaultPath: string): CliCipherId | undefined {
  if (recorded === null) return undefined;
  if ((CIPHERS as readonly string[]).includes(recorded)) return recorded as CliCipherId;
  throw new AirlockError('VAULT_CIPHER', `the Airlock vault at ${vaultPath} is sealed with '${recorded}', which this program cannot open`,
    recorded === 'safeStorage' ? 'it was created by the Airlock app: use the app, or move the vault away to start over' : 'it may have been written by a newer Airlock');
}

async function passphrase(opts: ChooseCipherOptions, env: NodeJS.ProcessEnv, isNewVault: boolean): Promise<string> {
  if (env.AIRLOCK_PASSPHRASE) return env.AIRLOCK_PASSPHRASE;
  if (isInteractive(opts)) return askPassphrase(opts, isNewVault);
  throw new AirlockError('VAULT_NO_PASSPHRASE', 'the Airlock vault needs a passphrase and none was given',
    'set AIRLOCK_PASSPHRASE in the environment, or run in a terminal to type it');
}

async function askPassphrase(opts: ChooseCipherOptions, isNewVault: boolean): Promise<string> {
  const ask = opts.prompt ?? ((q: string) => promptSecretFromTty(q));
  if (!isNewVault) {
    const typed = await ask('Airlock vault passphrase: ');
    if (!typed) throw new AirlockError('VAULT_PASSPHRASE', 'no passphrase typed');
    return typed;
  }
  const first = await ask('New Airlock vault passphrase: ');
  if (!first) throw new AirlockError('VAULT_PASSPHRASE', 'the vault passphrase must not be empty');
  const second = await ask('Repeat the passphrase: ');
  if (first !== second) throw new AirlockError('VAULT_PASSPHRASE', 'the passphrases do not match', 'run the command again');
  return first;
}

function isInteractive(opts: ChooseCipherOptions): boolean {
  return opts.interactive ?? process.stdin.isTTY === true;
}

function keyringUnavailable(reason: string, vaultUsesIt: boolean): AirlockError {
  return new AirlockError('KEYRING_UNAVAILABLE',
    vaultUsesIt ? `the Airlock vault is sealed with the OS keyring, which is unavailable (${reason})` : `the OS keyring is unavailable (${reason})`,
    vaultUsesIt
      ? 'unlock your OS keyring (on Linux a Secret Service such as gnome-keyring or KeePassXC must be running and unlocked)'
      : 'unlock or install an OS keyring (on Linux a Secret Service such as gnome-keyring or KeePassXC), or unset AIRLOCK_CIPHER to use a passphrase');
}
