import { createHmac } from 'node:crypto';

// Time-limited SIP credentials for Kamailio's auth_ephemeral: the username carries its own
// expiry and the password is an HMAC of it, so Kamailio checks them without asking us.

export interface SipCredentialInput {
  secret: string;
  sipPrefix: string;
  extension: string;
  displayName: string;
  domain: string;
  wsUrl: string;
  now: Date;
  ttlSeconds: number;
}

export interface SipCredentials {
  sipUser: string;
  extension: string;
  dialPrefix: string;
  displayName: string;
  domain: string;
  uri: string;
  authorizationUser: string;
  password: string;
  expiresAt: string;
  wsUrl: string;
  iceServers: { urls: string[]; username?: string; credential?: string }[];
}

/** base64(HMAC-SHA1(secret, username)), what auth_ephemeral expects with sha_algorithm 0. */
export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

export function sipUser(sipPrefix: string, extension: string): string {
  return `${sipPrefix}-${extension}`;
}

export function makeSipCredentials(input: SipCredentialInput): SipCredentials {
  const user = sipUser(input.sipPrefix, input.extension);
  const expiry = Math.floor(input.now.getTime() / 1000) + input.ttlSeconds;
  const authorizationUser = `${expiry}:${user}`;
  return {
    sipUser: user,
    extension: input.extension,
    dialPrefix: `${input.sipPrefix}-`,
    displayName: input.displayName,
    domain: input.domain,
    uri: `sip:${user}@${input.domain}`,
    authorizationUser,
    password: ephemeralPassword(input.secret, authorizationUser),
    expiresAt: new Date(expiry * 1000).toISOString(),
    wsUrl: input.wsUrl,
    iceServers: [],
  };
}

/** ws://domain:port, or wss:// when the PWA is served over https (an https page cannot open ws://). */
export function sipWsUrl(publicUrl: string, domain: string, port: number): string {
  const secure = new URL(publicUrl).protocol === 'https:';
  return `${secure ? 'wss' : 'ws'}://${domain}:${port}`;
}
