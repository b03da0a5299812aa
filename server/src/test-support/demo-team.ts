import type { TestApp, TestClient } from './test-app.js';

/** The Demo team signed in: alice (support, sales), bob (support, billing), carol (leader). */
export interface DemoTeam {
  alice: TestClient;
  bob: TestClient;
  carol: TestClient;
  ids: Record<'alice' | 'bob' | 'carol', string>;
  demoId: string;
}

/** Signs the three in, each on a client of their own; carol (in two instances) picks Demo. */
export async function signInDemoTeam(t: TestApp): Promise<DemoTeam> {
  const alice = t.client();
  const bob = t.client();
  const carol = t.client();
  const me = await alice.signIn('alice@demo.test');
  const demoId = me.currentInstance?.id ?? '';
  const ids = {
    alice: me.user.id,
    bob: (await bob.signIn('bob@demo.test')).user.id,
    carol: (await carol.signIn('carol@demo.test')).user.id,
  };
  await carol.post('/api/session/instance', { instanceId: demoId });
  return { alice, bob, carol, ids, demoId };
}
