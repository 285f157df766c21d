import { AirlockError } from '../errors';

/** The settings a client needs to use a running proxy, in the order they are printed. */
export interface ProxyEnv {
  HTTPS_PROXY?: string;
  AWS_ENDPOINT_URL?: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_CA_BUNDLE: string;
  AWS_REGION: string;
  AWS_DEFAULT_REGION: string;
}

export const ENV_FORMATS = ['text', 'json', 'sh', 'fish', 'powershell'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

export function proxyEnv(opts: { url: string; endpointMode: boolean; accessKeyId: string; secretAccessKey: string; caPath: string; region: string }): ProxyEnv {
  return {
    ...(opts.endpointMode ? { AWS_ENDPOINT_URL: opts.url } : { HTTPS_PROXY: opts.url }),
    AWS_ACCESS_KEY_ID: opts.accessKeyId,
    AWS_SECRET_ACCESS_KEY: opts.secretAccessKey,
    AWS_CA_BUNDLE: opts.caPath,
    AWS_REGION: opts.region,
    AWS_DEFAULT_REGION: opts.region,
  };
}

const shQuote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
const fishQuote = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const psQuote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export function formatEnv(env: ProxyEnv, format: EnvFormat, banner?: string): string {
  const entries = Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string');
  switch (format) {
    case 'json':
      return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
    case 'sh':
      return entries.map(([k, v]) => `export ${k}=${shQuote(v)}`).join('\n') + '\n';
    case 'fish':
      return entries.map(([k, v]) => `set -gx ${k} ${fishQuote(v)}`).join('\n') + '\n';
    case 'powershell':
      return entries.map(([k, v]) => `$Env:${k} = ${psQuote(v)}`).join('\n') + '\n';
    case 'text':
      return `${banner ? `${banner}\n\n` : ''}Use these settings with any AWS tool (aws CLI, boto3, SDKs):\n${
        entries.map(([k, v]) => `  export ${k}=${shQuote(v)}`).join('\n')}\n`;
  }
}

export function parseEnvFormat(s: string): EnvFormat {
  if ((ENV_FORMATS as readonly string[]).includes(s)) return s as EnvFormat;
  throw new AirlockError('BAD_FORMAT', `unknown format "${s}"`, `use one of: ${ENV_FORMATS.join(', ')}`);
}
