// The service worker: precaches the app shell and serves it for every navigation, so the PWA
// opens offline. It never caches /api/: data goes through the Dexie store (issue 4), whose outbox
// it flushes on Background Sync, with no page open.
import { createSyncTransport } from '../api/sync';
import { backgroundSyncTag } from '../store/environment';
import { flushAllDatabases, shouldRetryLater } from '../store/background';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

/** Background Sync's event (Chromium); not in TypeScript's WebWorker lib. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }),
);

// No skipWaiting on install: a new version waits until the page says the user chose to reload.
// FLUSH: a page asks the worker to send the outbox (the same flusher and Web Lock as on sync).
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  const type = data && typeof data === 'object' ? (data as { type?: unknown }).type : undefined;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === 'FLUSH') event.waitUntil(flushOutboxes().then(() => undefined));
});

// One transport per database's instance: the server refuses a flush whose instance is no longer
// the session's (the user switched in a tab meanwhile) instead of applying it to the other one.
const transportFor = (instanceId: string) => createSyncTransport({ instanceId });

async function flushOutboxes(): Promise<boolean> {
  try {
    return shouldRetryLater(await flushAllDatabases(transportFor));
  } catch (error) {
    console.error('[sw] flush failed', error);
    return true;
  }
}

// Fires when the browser is back online (also with no page open). Failing the event makes the
// browser try again later with its own backoff; the outbox stays the record either way.
self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== backgroundSyncTag) return;
  event.waitUntil(
    flushOutboxes().then((retry) => {
      if (retry && !event.lastChance) throw new Error('The outbox is not empty yet; try later.');
    }),
  );
}) as EventListener);

self.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(self.clients.claim());
});
