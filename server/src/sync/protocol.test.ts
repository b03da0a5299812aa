import { describe, expect, it } from 'vitest';
import * as server from './protocol.js';

// The server's copy of the protocol lists must equal the PWA's (src/domain/sync.ts). The client's
// modules are loaded at run time: the server's TypeScript program does not include them.
const clientModule = (name: string) => `../../../src/domain/${name}.ts`;

describe('sync protocol lists', () => {
  it('match src/domain', async () => {
    const sync = (await import(/* @vite-ignore */ clientModule('sync'))) as Record<string, unknown>;
    const types = (await import(/* @vite-ignore */ clientModule('types'))) as Record<
      string,
      unknown
    >;
    const status = (await import(/* @vite-ignore */ clientModule('agent-status'))) as Record<
      string,
      unknown
    >;
    expect(server.mutationNames).toEqual(sync['mutationNames']);
    expect(server.entityKinds).toEqual(sync['entityKinds']);
    expect(server.logKinds).toEqual(sync['logKinds']);
    expect(server.rejectReasons).toEqual(sync['rejectReasons']);
    expect(server.taskTypes).toEqual(types['taskTypes']);
    expect(server.taskStatuses).toEqual(types['taskStatuses']);
    expect(server.agentStatuses).toEqual(status['agentStatuses']);
  });
});
