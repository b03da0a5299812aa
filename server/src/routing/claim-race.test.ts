import { describe, expect, it } from 'vitest';
import { orderViolations, runClaimRace } from '../test-support/claim-race.js';
import { createTestDatabase } from '../test-support/test-app.js';

// The fast variant of issue 6's concurrency test (the full one, 200 agents over 10k tasks, is in
// `npm run bench`): 200 agents in 4 OS processes, each with its own connection to one SQLite file
// or one PostgreSQL database, press Play until nothing waits. Every task is given exactly once,
// none is lost, and the queue is taken in routing order.
describe('claims across processes', () => {
  it('200 agents in 4 processes over one database: each task exactly once, in order', async () => {
    const database = await createTestDatabase();
    try {
      const result = await runClaimRace({ url: database.url, agents: 200, tasks: 600, workers: 4 });
      expect(result.claims).toHaveLength(600);
      expect(result).toMatchObject({ doubles: 0, wrongAssignee: 0, left: 0, outOfOrder: 0 });
    } finally {
      await database.close();
    }
  }, 120_000);

  it('the order check catches a lower task taken before a higher one was asked for', () => {
    const rank = new Map([
      ['high', 0],
      ['low', 1],
    ]);
    const claim = (taskId: string, startedAt: number, endedAt: number) => ({
      taskId,
      agentId: 'a',
      startedAt,
      endedAt,
      ms: endedAt - startedAt,
    });
    // Overlapping Plays may finish in either order.
    expect(orderViolations([claim('low', 0, 5), claim('high', 3, 9)], rank)).toBe(0);
    // The high one was only asked for after the low one was already given out.
    expect(orderViolations([claim('low', 0, 5), claim('high', 6, 9)], rank)).toBe(1);
  });
});
