import { loadLessons } from "./catalog/lesson.js";
import type { LoadedPack } from "./catalog/types.js";
import path from "node:path";
import { listLabDefinitions } from "./lab/definition/bundled.js";
import { labSetup } from "./lab/runtime/setup.js";
import { labsDir, lessonsDir, packageRoot } from "./paths.js";
import type { ContentIndex } from "./tui/context.js";

/**
 * The lessons and labs the screens list, read from disk when a screen first asks for them (the home
 * screen does not, so start-up does not pay for them). Content with errors is left out; `validate`
 * reports it.
 */
export function loadContentIndex(
  packs: readonly LoadedPack[],
  { env, home, cwd }: { env: NodeJS.ProcessEnv; home: string; cwd: string },
): ContentIndex {
  let lessons: ContentIndex["lessons"] | undefined;
  let labs: ContentIndex["labs"] | undefined;
  return {
    get lessons() {
      return (lessons ??= loadLessons(lessonsDir, packs, labsDir).lessons);
    },
    get labs() {
      return (labs ??= listLabDefinitions(labsDir)
        .map(({ id, title, summary, difficulty, minutes }) => ({ id, title, summary, difficulty, minutes }))
        .sort((a, b) => a.id.localeCompare(b.id)));
    },
    labSetup: () => labSetup(env, home, cwd, path.join(packageRoot, "dist", "bin", "main.js")),
  };
}
