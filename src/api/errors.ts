// Server error codes (docs/contract.md) plus the two failures only the client can see.

export const serverErrorCodes = [
  'bad_request',
  'unauthenticated',
  'invalid_credentials',
  'csrf_rejected',
  'forbidden',
  'not_found',
  'conflict',
  'instance_changed',
  'payload_too_large',
  'rate_limited',
  'internal',
] as const;
export type ServerErrorCode = (typeof serverErrorCodes)[number];

/** `network`: no answer at all; `unexpected`: an answer that breaks the contract. */
export type ApiErrorCode = ServerErrorCode | 'network' | 'unexpected';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    /** HTTP status, 0 when the server was not reached. */
    readonly status: number,
    message: string,
    /** Seconds to wait, from `Retry-After` on 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isServerErrorCode(value: unknown): value is ServerErrorCode {
  return typeof value === 'string' && (serverErrorCodes as readonly string[]).includes(value);
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
