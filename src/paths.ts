import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where ccaak-train keeps everything it writes. `CCAAK_HOME` wins; otherwise the platform's
 * convention for per-user application data (XDG on Linux).
 */
export function dataHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CCAAK_HOME) return path.resolve(env.CCAAK_HOME);
  const home = os.homedir();
  if (platform === "darwin") return path.join(home, "Library", "Application Support", "ccaak-train");
  if (platform === "win32")
    return path.join(env.LOCALAPPDATA ?? path.join(home, "AppData", "Local"), "ccaak-train");
  return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "ccaak-train");
}

/** The installed package's root: where the bundled `questions/`, `content/`, `labs/` and `kafka/` live. */
export const packageRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const bundledPacksDir = path.join(packageRoot, "questions");
export const lessonsDir = path.join(packageRoot, "content");
export const labsDir = path.join(packageRoot, "labs");
export const installedPacksDir = (home: string): string => path.join(home, "packs");
