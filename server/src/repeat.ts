/**
 * Runs `task` every `intervalMs`, never two at once (a slow run makes the next tick skip), without
 * keeping the process alive; returns the stop function. The server's sweepers (expired offers,
 * absent agents) run this way.
 */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
