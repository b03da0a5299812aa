// The local-first store (Dexie tables, outbox, liveQuery) lands here with issue 4.
// Until then screens read through src/api/ directly, so it exports nothing.
export {};
