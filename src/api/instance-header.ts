/** The header the server compares with the session's instance (server/src/http/auth.ts). */
export const instanceHeader = 'X-Switchboard-Instance';
