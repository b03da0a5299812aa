// When the router runs (issue 6): after any change in an instance that routes by push (a task
// came in or was resolved, an agent became Ready, a reservation ended: every such change pokes
// the instance), and every few seconds for each such instance as a safety net, so a task left
// pending is routed even if no change woke the router. Passes of one instance never overlap on
// this node: a kick during a pass runs one more pass after it. Nodes serialize in the database.
import { findInstanceSettings, listPushRoutingInstances } from '../db/index.js';
import type { Audience, Poker } from '../sync/poker.js';
import { routeWaiting, type RouterDeps } from './router.js';

export interface RoutingLoop {
  /** Routes the instance soon, if it routes by push. */
  kick(instanceId: string): void;
  /** Routes every instance that routes by push (the sweeper's tick). */
  sweep(): Promise<void>;
  /** The same poker, but every poke also kicks the router for that instance. */
  poker(inner: Poker): Poker;
}

export function createRoutingLoop(
  deps: RouterDeps,
  onError: (error: unknown) => void,
): RoutingLoop {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  async function pass(instanceId: string): Promise<void> {
    const settings = await findInstanceSettings(deps.db, instanceId);
    if (settings?.pushRouting) await routeWaiting(deps, instanceId);
  }

  function kick(instanceId: string): void {
    if (running.has(instanceId)) {
      again.add(instanceId);
      return;
    }
    const run = (async () => {
      do {
        again.delete(instanceId);
        try {
          await pass(instanceId);
        } catch (error) {
          onError(error);
        }
      } while (again.has(instanceId));
      running.delete(instanceId);
    })();
    running.set(instanceId, run);
  }

  return {
    kick,
    async sweep() {
      for (const id of await listPushRoutingInstances(deps.db)) kick(id);
      await Promise.all(running.values());
    },
    poker(inner) {
      return {
        poke(instanceId: string, audience: Audience) {
          inner.poke(instanceId, audience);
          kick(instanceId);
        },
      };
    },
  };
}
