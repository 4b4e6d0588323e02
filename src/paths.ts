import { existsSync, readFileSync } from "node:fs";
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

/**
 * The installed package's root: where the bundled `questions/`, `content/`, `labs/` and `kafka/` live.
 * Found by walking up to our package.json, so it holds for the sources, dist/ and the bundle alike.
 */
export const packageRoot: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "ccaak-train"
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`ccaak-train: no package.json above ${start}`);
  }
}

export const bundledPacksDir = path.join(packageRoot, "questions");
export const lessonsDir = path.join(packageRoot, "content");
export const labsDir = path.join(packageRoot, "labs");
export const installedPacksDir = (home: string): string => path.join(home, "packs");
