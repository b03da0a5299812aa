// What the engine needs from its host (a page or the service worker), injectable so unit tests
// drive online/offline, visibility and timers themselves (TanStack Query's onlineManager idea).
// Nothing here touches `window` or `document` at module level: the service worker imports it too.

export interface SyncEnvironment {
  isOnline(): boolean;
  /** Returns the function that removes the listener. */
  onOnlineChange(listener: (online: boolean) => void): () => void;
  onVisible(listener: () => void): () => void;
  /** Asks the service worker to flush when the network is back, even with no page open. */
  requestBackgroundSync(): void;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const backgroundSyncTag = 'sb-outbox';

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

interface VisibleDocument {
  visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export function hostEnvironment(): SyncEnvironment {
  const scope = globalThis as typeof globalThis & Partial<EventTarget>;
  // Typed structurally: the service worker's lib has no Document.
  const doc = (globalThis as { document?: VisibleDocument }).document;
  return {
    isOnline: () => globalThis.navigator?.onLine ?? true,
    onOnlineChange(listener) {
      const up = () => listener(true);
      const down = () => listener(false);
      scope.addEventListener?.('online', up);
      scope.addEventListener?.('offline', down);
      return () => {
        scope.removeEventListener?.('online', up);
        scope.removeEventListener?.('offline', down);
      };
    },
    onVisible(listener) {
      if (!doc) return () => {};
      const changed = () => {
        if (doc.visibilityState === 'visible') listener();
      };
      doc.addEventListener('visibilitychange', changed);
      return () => doc.removeEventListener('visibilitychange', changed);
    },
    requestBackgroundSync() {
      const container = globalThis.navigator?.serviceWorker;
      if (!container) return;
      // Not awaited: `ready` never resolves without a registered worker (vite dev server).
      void container.ready
        .then((registration) =>
          (registration as SyncRegistration).sync?.register(backgroundSyncTag),
        )
        .catch(() => {
          // Background Sync refused (permission, private mode): the page's own flush remains.
        });
    },
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
