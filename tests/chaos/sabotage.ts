import type { Mutation, PushRequest } from '../../src/domain';
import type { Browser, PushCall } from './browser-fetch';

// Servers that break the push rules, for the self-test: the run's checks must notice each one,
// or a passing chaos run would prove nothing. Each acts only on mutations never pushed before: a
// replayed seq is answered from the server's record, so changing it would change nothing.
type Act = (call: PushCall, request: PushRequest, fresh: Mutation[]) => Promise<Response> | null;

export const sabotages = {
  /** Acknowledges a push with comments without applying it: the comments are lost. */
  ackWithoutApplying(_call, request, fresh) {
    if (!fresh.some((m) => m.name === 'comment.add')) return null;
    const results = request.mutations.map((m) => ({ seq: m.seq, status: 'ok' }));
    return Promise.resolve(Response.json({ results }));
  },
  /** Applies a push, then its comments once more under new ids: each is stored twice. */
  reissueComments(call, _request, fresh) {
    const comments = fresh.filter((m) => m.name === 'comment.add');
    if (comments.length === 0) return null;
    const copies = comments.map((m, i) => ({
      ...m,
      id: crypto.randomUUID(),
      seq: i + 1,
      args: { ...m.args, id: crypto.randomUUID() },
    }));
    const again = { clientId: crypto.randomUUID(), mutations: copies };
    return (async () => {
      const answer = await call.forward();
      const body = await answer.text();
      await (await call.forward(JSON.stringify(again))).arrayBuffer();
      return new Response(body, { status: answer.status, headers: answer.headers });
    })();
  },
  /** Swaps the contents of two comments of one push: both stored, in the wrong order. */
  swapComments(call, request, fresh) {
    const [first, second] = fresh.filter((m) => m.name === 'comment.add');
    if (!first || !second) return null;
    const mutations = request.mutations.map((m) => {
      if (m === first) return { ...m, args: second.args } as Mutation;
      if (m === second) return { ...m, args: first.args } as Mutation;
      return m;
    });
    return call.forward(JSON.stringify({ ...request, mutations }));
  },
} as const satisfies Record<string, Act>;
export type Sabotage = keyof typeof sabotages;

/** Arms one sabotage for the first push it applies to. */
export function sabotageOnce(browser: Browser, kind: Sabotage): void {
  let pushedUpTo = 0;
  browser.sabotage = (call) => {
    const request = JSON.parse(call.body) as PushRequest;
    const fresh = request.mutations.filter((m) => m.seq > pushedUpTo);
    pushedUpTo = Math.max(pushedUpTo, ...request.mutations.map((m) => m.seq));
    const answer = sabotages[kind](call, request, fresh);
    if (!answer) return null;
    browser.sabotage = null;
    browser.count(`sabotage.${kind}`);
    return answer;
  };
}
