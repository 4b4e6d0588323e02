import { isSafeId, SAFE_ID_RULE } from "../ids.js";

/** What every command receives; commands never reach for process globals themselves. */
export interface CommandContext {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Resolved `CCAAK_HOME`. */
  home: string;
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CommandModule {
  run(ctx: CommandContext): Promise<number>;
}

/** Raised for bad usage anywhere below a command; the entry point prints it and exits 2. */
export class UsageError extends Error {}

/** An id from the command line that names a file or folder: checked by the one rule, else bad usage. */
export function requireSafeId(what: string, id: string): string {
  if (!isSafeId(id)) throw new UsageError(`"${id}" is not a valid ${what} id: ${SAFE_ID_RULE}`);
  return id;
}
