import { createHash, timingSafeEqual } from 'node:crypto';

// Kamailio authenticates to the ACD endpoint with a token derived from SIP_SECRET (which both
// already share for auth_ephemeral), not with the secret itself: the HTTP header never carries
// the key that signs SIP and TURN credentials. deploy/kamailio/run.sh derives the same value:
// sha256 hex of "switchboard-acd:<secret>". Sent as HTTP Basic, user "kamailio".

export const ACD_USER = 'kamailio';

export function acdToken(secret: string): string {
  return createHash('sha256').update(`switchboard-acd:${secret}`).digest('hex');
}

/** Whether an Authorization header carries Kamailio's token for this secret. */
export function isAcdAuthorization(header: string | undefined, secret: string): boolean {
  if (header === undefined || !header.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice('Basic '.length).trim(), 'base64');
  const expected = Buffer.from(`${ACD_USER}:${acdToken(secret)}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
