import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readFrontMatterFile } from "../catalog/front-matter.js";
import { loadLessons } from "../catalog/lesson.js";
import type { LoadedPack } from "../catalog/types.js";
import { labsDir, lessonsDir } from "../paths.js";
import type { ContentIndex, LabEntry } from "./context.js";

/**
 * The lessons and labs the screens list, read when a screen first asks for them (the home screen does
 * not, so start-up does not pay for them). Content with errors is left out; `validate` reports it.
 */
export function loadContentIndex(packs: readonly LoadedPack[]): ContentIndex {
  let lessons: ContentIndex["lessons"] | undefined;
  let labs: ContentIndex["labs"] | undefined;
  return {
    get lessons() {
      return (lessons ??= loadLessons(lessonsDir, packs, labsDir).lessons);
    },
    get labs() {
      return (labs ??= listLabs(labsDir));
    },
  };
}

function listLabs(dir: string): LabEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "lab.md")))
    .map((e) => {
      const file = path.join(dir, e.name, "lab.md");
      const data = readFrontMatterFile(file, readFileSync(file, "utf8"), "lab", () => "briefing").data ?? {};
      return {
        id: e.name,
        title: typeof data.title === "string" ? data.title : e.name,
        summary: typeof data.summary === "string" ? data.summary : "",
        ...(typeof data.difficulty === "string" ? { difficulty: data.difficulty } : {}),
        ...(typeof data.minutes === "number" ? { minutes: data.minutes } : {}),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
