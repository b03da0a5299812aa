// JsSIP waits for ICE gathering to complete before it sends an offer or answer, and has no
// timeout: with an unreachable STUN server that is about 40 s. We let the SDP go as soon as it
// is worth sending: at once on a server-reflexive or relay candidate, else shortly after the
// first host candidate (FACTS.md: INVITE ≈ 8 ms after call()).

export interface IceCandidateEvent {
  candidate: { type?: string | null; candidate?: string } | null;
  ready: () => void;
}

export interface IceCutOptions {
  /** How long to wait for a srflx/relay candidate after the first host one, when servers are set. */
  graceMs: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Returns the handler for a session's `icecandidate` event; one per offer/answer is fine. */
export function makeIceCut(options: IceCutOptions): (event: IceCandidateEvent) => void {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  return (event) => {
    const type = event.candidate?.type ?? /typ (\w+)/.exec(event.candidate?.candidate ?? '')?.[1];
    if (type === 'srflx' || type === 'relay' || options.graceMs <= 0) {
      if (timer !== null) clearTimer(timer);
      timer = null;
      event.ready();
      return;
    }
    if (timer === null) {
      timer = setTimer(() => {
        timer = null;
        event.ready();
      }, options.graceMs);
    }
  };
}
