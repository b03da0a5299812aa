// Asks the browser not to evict our data under storage pressure: the outbox may hold the only
// copy of an agent's work. Browsers may say no (headless Chromium does); the answer is kept.
export type PersistAnswer = 'granted' | 'denied' | 'unsupported';

let answer: PersistAnswer | null = null;

export async function requestPersistentStorage(): Promise<PersistAnswer> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return (answer = 'unsupported');
  try {
    if (await storage.persisted()) return (answer = 'granted');
    answer = (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    answer = 'denied';
  }
  return answer;
}

/** The last answer, or null before the first request. */
export function persistentStorageAnswer(): PersistAnswer | null {
  return answer;
}
