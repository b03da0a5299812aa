import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly publicUrl: string;
  readonly smtpUrl: string | null;
  readonly smtpFrom: string;
  readonly webRoot: string;
  readonly sipWsPort: number;
  readonly sipUdpPort: number;
  readonly sipTrunkPort: number;
  readonly sipDomain: string;
  /** Shared with Kamailio's auth_ephemeral; null when the phone is not configured. Never log it. */
  readonly sipSecret: string | null;
  /** Lifetime of the SIP credentials handed out by GET /api/sip/credentials, in seconds. */
  readonly sipCredentialTtl: number;
  /**
   * TURN relays (coturn with use-auth-secret and SIP_SECRET) handed to the phone with the SIP
   * credentials as its ICE servers; empty: none (STUN/TURN off, calls stay host-to-host).
   */
  readonly turnUrls: readonly string[];
  readonly appVersion: string;
  readonly build: string;
  readonly logLevel: LogLevel;
  readonly trustProxy: boolean;
  /** log2 of the scrypt cost N; production default 15, tests lower it to stay fast. */
  readonly scryptLogN: number;
  readonly seedDemo: boolean;
  /** The largest attachment PUT /api/attachments/:id accepts, in bytes. */
  readonly attachmentMaxBytes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1/true/yes/on or 0/false/no/off, got "${raw}".`);
}

function url(name: string, value: string, protocols: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}".`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${value}".`);
  }
  return value;
}

/** TURN_URLS: comma-separated turn:/turns: URIs (RFC 7065), e.g. turn:turn.example:3478. */
function turnUrls(env: Env): readonly string[] {
  const raw = env['TURN_URLS']?.trim() ?? '';
  if (!raw) return [];
  return raw.split(',').map((part) => {
    const uri = part.trim();
    if (!/^turns?:[A-Za-z0-9.-]+(:\d{1,5})?(\?transport=(udp|tcp))?$/.test(uri)) {
      throw new ConfigError(
        `TURN_URLS must be turn: or turns: URIs separated by commas (turn:host:3478), got "${uri}".`,
      );
    }
    return uri;
  });
}

function databaseUrl(value: string): string {
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) return value;
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    return url('DATABASE_URL', value, ['postgres:', 'postgresql:']);
  }
  throw new ConfigError(
    `DATABASE_URL must be sqlite:<file> or postgres://user:pass@host:port/db, got "${value}".`,
  );
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function gitSha(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim();
  } catch {
    return null;
  }
}

/** Parses the environment once into a frozen, typed object; throws ConfigError naming the bad variable. */
export function parseConfig(env: Env = process.env): Config {
  const host = text(env, 'HOST', '127.0.0.1');
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const publicUrl = url('PUBLIC_URL', text(env, 'PUBLIC_URL', `http://${host}:${port}`), [
    'http:',
    'https:',
  ]).replace(/\/+$/, '');
  const smtpRaw = env['SMTP_URL']?.trim();
  const logLevel = text(env, 'LOG_LEVEL', 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
  }
  return Object.freeze({
    host,
    port,
    databaseUrl: databaseUrl(text(env, 'DATABASE_URL', 'sqlite:./data/switchboard.db')),
    publicUrl,
    smtpUrl: smtpRaw ? url('SMTP_URL', smtpRaw, ['smtp:', 'smtps:']) : null,
    smtpFrom: text(env, 'SMTP_FROM', `Switchboard <no-reply@${new URL(publicUrl).hostname}>`),
    webRoot: text(env, 'WEB_ROOT', './dist'),
    sipWsPort: integer(env, 'SIP_WS_PORT', 5066, 1, 65535),
    sipUdpPort: integer(env, 'SIP_UDP_PORT', 5060, 1, 65535),
    sipTrunkPort: integer(env, 'SIP_TRUNK_PORT', 5080, 1, 65535),
    sipDomain: text(env, 'SIP_DOMAIN', host),
    sipSecret: env['SIP_SECRET']?.trim() ? env['SIP_SECRET'].trim() : null,
    sipCredentialTtl: integer(env, 'SIP_CREDENTIAL_TTL', 3600, 60, 7 * 24 * 3600),
    turnUrls: turnUrls(env),
    appVersion: text(env, 'APP_VERSION', packageVersion()),
    build: text(env, 'BUILD_ID', '') || gitSha() || 'dev',
    logLevel,
    trustProxy: flag(env, 'TRUST_PROXY', false),
    scryptLogN: integer(env, 'SCRYPT_LOG_N', 15, 4, 20),
    seedDemo: flag(env, 'SEED_DEMO', false),
    attachmentMaxBytes: integer(
      env,
      'ATTACHMENT_MAX_BYTES',
      10 * 1024 * 1024,
      1,
      1024 * 1024 * 1024,
    ),
  });
}
