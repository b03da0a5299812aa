import { test } from '@playwright/test';
import { Agent } from '../pages/phone-page.js';

export interface ThreeAgents {
  alice: Agent;
  bob: Agent;
  carol: Agent;
}

/**
 * Signs alice (1001), bob (1002) and carol (1003, in Demo) in through the UI once for the file,
 * waits until all three are registered, and makes every case start from an empty dock (a
 * lingering ended call carries the same name as a new one). Read the agents inside tests.
 */
export function useThreeAgents(): ThreeAgents {
  const agents = {} as ThreeAgents;
  test.beforeAll(async ({ browser }) => {
    agents.alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders');
    agents.bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown');
    agents.carol = await Agent.signIn(browser, 'carol@demo.test', 'Carol Chen', 'Demo');
    await Promise.all(Object.values(agents).map((a) => a.expectRegistered()));
  });
  test.afterEach(async () => {
    for (const agent of Object.values(agents)) await agent.expectNoCalls();
  });
  test.afterAll(async () => {
    for (const agent of Object.values(agents)) await agent.close();
  });
  return agents;
}
