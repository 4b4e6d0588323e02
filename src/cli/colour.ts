import type { Settings } from "../study/settings.js";

/**
 * The colour level for the screens (chalk's 0-3), decided here rather than by chalk's own detection,
 * which turns colour off whenever `CI` is in the environment, whatever its value. The screens only run
 * in a terminal, so `auto` follows what the terminal says it can show. `NO_COLOR` always wins; a
 * `FORCE_COLOR` the user set is left alone (undefined).
 */
export function colourLevel(env: NodeJS.ProcessEnv, setting: Settings["colour"]): 0 | 1 | 2 | 3 | undefined {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (setting === "never") return 0;
  if (env.FORCE_COLOR !== undefined) return undefined;
  const term = env.TERM ?? "";
  if (term === "dumb" && setting === "auto") return 0;
  if (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? "")) return 3;
  if (/256/.test(term)) return 2;
  return 1;
}
