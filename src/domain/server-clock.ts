// The server's clock as seen from the browser. Agent statuses, offers and reservations carry the
// server's times; a browser clock minutes off would show a Break timer of "01:00:03" or send a
// status change "made" an hour ago. Every answer's HTTP `Date` header (whole seconds) bounds the
// offset: the server read its clock between our send and our receive, somewhere in that second,
// so offset ∈ [date − received, date + 1000 − sent]. Several answers narrow the interval (their
// second boundaries fall at different moments); its middle is the estimate.

export interface ClockSample {
  /** Browser time (ms) when the request left. */
  sentAt: number;
  /** Browser time (ms) when the answer arrived. */
  receivedAt: number;
  /** The answer's `Date` header, parsed (ms, a whole second). */
  serverDate: number;
}

/** Answers slower than this say too little about the clock to use. */
const MAX_ROUND_TRIP_MS = 5_000;

export class ServerClock {
  #low = -Infinity;
  #high = Infinity;

  /** Narrows the offset with one answer; a sample that contradicts the rest starts over. */
  add(sample: ClockSample): void {
    const { sentAt, receivedAt, serverDate } = sample;
    if (!Number.isFinite(serverDate) || receivedAt < sentAt) return;
    if (receivedAt - sentAt > MAX_ROUND_TRIP_MS) return;
    const low = serverDate - receivedAt;
    const high = serverDate + 1000 - sentAt;
    if (low > this.#high || high < this.#low) {
      // One of the clocks jumped (sleep, an NTP step): only the newest answer is true now.
      this.#low = low;
      this.#high = high;
      return;
    }
    this.#low = Math.max(this.#low, low);
    this.#high = Math.min(this.#high, high);
  }

  /** Server time minus browser time in ms; 0 until an answer has come. */
  offset(): number {
    if (!Number.isFinite(this.#low) || !Number.isFinite(this.#high)) return 0;
    return Math.round((this.#low + this.#high) / 2);
  }

  /** The server's time now, by the browser's clock and the offset. */
  now(browserNow: number): number {
    return browserNow + this.offset();
  }
}
