// A host the tests drive by hand: online/offline, visibility, and timers that fire when told.
import type { SyncEnvironment } from '../environment';

export class FakeEnvironment implements SyncEnvironment {
  online: boolean;
  readonly onlineListeners = new Set<(online: boolean) => void>();
  readonly visibleListeners = new Set<() => void>();
  readonly timers = new Map<number, { run: () => void; ms: number }>();
  backgroundSyncRequests = 0;
  private nextTimer = 1;

  constructor(online = true) {
    this.online = online;
  }

  isOnline(): boolean {
    return this.online;
  }
  onOnlineChange(listener: (online: boolean) => void): () => void {
    this.onlineListeners.add(listener);
    return () => this.onlineListeners.delete(listener);
  }
  onVisible(listener: () => void): () => void {
    this.visibleListeners.add(listener);
    return () => this.visibleListeners.delete(listener);
  }
  requestBackgroundSync(): void {
    this.backgroundSyncRequests++;
  }
  setTimer(run: () => void, ms: number): unknown {
    const id = this.nextTimer++;
    this.timers.set(id, { run, ms });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  setOnline(online: boolean): void {
    this.online = online;
    for (const listener of this.onlineListeners) listener(online);
  }
  becomeVisible(): void {
    for (const listener of this.visibleListeners) listener();
  }
  /** The delays of the timers waiting now. */
  get delays(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }
  /** Fires every waiting timer (as if their time had come). */
  fireTimers(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const timer of due) timer.run();
  }
}
