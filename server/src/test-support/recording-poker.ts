import type { Audience, Poker } from '../sync/poker.js';

/** A poker that remembers every poke, for tests that check who was told. */
export class RecordingPoker implements Poker {
  readonly pokes: { instanceId: string; audience: Audience }[] = [];
  poke(instanceId: string, audience: Audience) {
    this.pokes.push({ instanceId, audience });
  }
}
