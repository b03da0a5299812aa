import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SipCredentials } from '../domain';
import { createCredentialRenewer, type CredentialsResult } from './credentials';

function creds(n: number, lifetimeMs: number): SipCredentials {
  const expiresAt = new Date(Date.now() + lifetimeMs).toISOString();
  return {
    sipUser: 'demo-1001',
    extension: '1001',
    dialPrefix: 'demo-',
    displayName: 'Alice Anders',
    domain: '127.0.0.1',
    uri: 'sip:demo-1001@127.0.0.1',
    authorizationUser: `${n}:demo-1001`,
    password: `secret-${n}`,
    expiresAt,
    wsUrl: 'ws://127.0.0.1:5066',
    iceServers: [],
  };
}

describe('credential renewal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('asks again at 80 % of the lifetime and hands every set over', async () => {
    let n = 0;
    const fetchCredentials = vi.fn(async (): Promise<CredentialsResult> => ({
      ok: true,
      value: creds(++n, 3_600_000),
    }));
    const seen: string[] = [];
    const renewer = createCredentialRenewer({
      fetchCredentials,
      onCredentials: (c) => seen.push(c.authorizationUser),
      onError: () => {
        throw new Error('no error expected');
      },
    });
    await renewer.start();
    expect(seen).toEqual(['1:demo-1001']);

    await vi.advanceTimersByTimeAsync(2_880_000 - 1);
    expect(fetchCredentials).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchCredentials).toHaveBeenCalledTimes(2);
    expect(seen).toEqual(['1:demo-1001', '2:demo-1001']);

    renewer.stop();
    await vi.advanceTimersByTimeAsync(10 * 3_600_000);
    expect(fetchCredentials).toHaveBeenCalledTimes(2);
  });

  it('retries a transient failure with growing delays, then resumes the schedule', async () => {
    const answers: CredentialsResult[] = [
      { ok: true, value: creds(1, 100_000) },
      { ok: false, status: 0, code: 'network' },
      { ok: false, status: 502, code: 'unexpected' },
      { ok: true, value: creds(2, 100_000) },
    ];
    const fetchCredentials = vi.fn(
      async () => answers.shift() ?? { ok: false as const, status: 0, code: 'network' },
    );
    const errors: number[] = [];
    const renewer = createCredentialRenewer({
      fetchCredentials,
      onCredentials: () => {},
      onError: (e) => errors.push(e.status),
    });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(80_000); // renewal → network error
    expect(errors).toEqual([0]);
    await vi.advanceTimersByTimeAsync(5_000); // first retry → 502
    expect(errors).toEqual([0, 502]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(fetchCredentials).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1); // second retry after 10 s → ok
    expect(fetchCredentials).toHaveBeenCalledTimes(4);
    renewer.stop();
  });

  it('stops on a permanent refusal (no extension, 403)', async () => {
    const fetchCredentials = vi.fn(async (): Promise<CredentialsResult> => ({
      ok: false,
      status: 403,
      code: 'forbidden',
    }));
    const errors: number[] = [];
    const renewer = createCredentialRenewer({
      fetchCredentials,
      onCredentials: () => {},
      onError: (e) => errors.push(e.status),
    });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(fetchCredentials).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([403]);
  });
});
