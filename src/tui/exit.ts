/**
 * What must happen before the program ends on a signal or a closed terminal (saving a running exam).
 * Screens register a flush; the entry point runs them all, synchronously, before it exits.
 */
const flushes = new Set<() => void>();

export function onExit(flush: () => void): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

export function flushBeforeExit(): void {
  for (const flush of [...flushes]) {
    try {
      flush();
    } catch {
      // One failing flush must not keep the others from running.
    }
  }
}
