/**
 * What must happen before the program ends on Ctrl-C, a signal or a closed terminal (saving a running
 * exam with its clock stopped). Screens register a flush; `interrupt` runs them all, synchronously,
 * and records the exit code the shell expects (128 + the signal's number).
 */
const flushes = new Set<() => void>();
let interruptedWith: number | null = null;

export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export function onExit(flush: () => void): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

export function interrupt(signal: keyof typeof SIGNAL_EXIT): void {
  interruptedWith ??= SIGNAL_EXIT[signal];
  for (const flush of [...flushes]) {
    try {
      flush();
    } catch {
      // One failing flush must not keep the others from running.
    }
  }
}

/** The exit code an interruption asked for, or null when the learner quit normally. */
export function interruptedExitCode(): number | null {
  return interruptedWith;
}
