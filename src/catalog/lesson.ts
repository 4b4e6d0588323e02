import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SAFE_ID, SAFE_ID_RULE } from "../ids.js";
import { didYouMean } from "./diagnostics.js";
import { MAX_CONTENT_FILE_BYTES, readContentFile, unreadable } from "./files.js";
import { readFrontMatterFile } from "./front-matter.js";
import { issuesToDiagnostics, keysAt, statedDefaults } from "./schema.js";
import type { Diagnostic, LoadedPack, StatedDefault } from "./types.js";

const slug = z.string().regex(SAFE_ID, SAFE_ID_RULE);

export const lessonSchema = z.strictObject({
  id: slug,
  title: z.string().trim().min(1),
  domain: slug.optional(),
  order: z.number().optional(),
  tags: z.array(slug).min(1, "name at least one tag: the lesson's questions are those with its tags"),
  labs: z.array(slug).default([]),
  defaults: statedDefaults,
});

export interface Lesson {
  id: string;
  title: string;
  domain?: string;
  order: number;
  tags: string[];
  labs: string[];
  defaults: StatedDefault[];
  body: string;
  file: string;
}

/**
 * Loads the lessons in `dir` (one markdown file each) and checks that their links resolve: each tag
 * has questions in the loaded packs, each lab exists in `labsDir`, each domain is in a blueprint.
 */
export function loadLessons(
  dir: string,
  packs: readonly LoadedPack[],
  labsDir: string,
): { lessons: Lesson[]; diagnostics: Diagnostic[] } {
  const lessons: Lesson[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(dir)) return { lessons, diagnostics };
  const tags = new Set(packs.flatMap((p) => p.questions.flatMap((q) => q.tags)));
  const domains = [...new Set(packs.flatMap((p) => p.manifest.blueprint.domains.map((d) => d.id)))];
  const labs = existsSync(labsDir)
    ? readdirSync(labsDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md" && !f.startsWith("_"))
    .sort();
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const content = readContentFile(file, MAX_CONTENT_FILE_BYTES, "lesson file");
    if (content.diagnostic) {
      diagnostics.push(content.diagnostic);
      continue;
    }
    try {
      const lesson = checkLesson(file, name, content.text, { tags, labs, labsDir, domains, seen });
      diagnostics.push(...lesson.diagnostics);
      if (lesson.lesson) lessons.push(lesson.lesson);
    } catch (error) {
      diagnostics.push(unreadable(file, error));
    }
  }
  lessons.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { lessons, diagnostics };
}

interface LessonLinks {
  tags: ReadonlySet<string>;
  labs: readonly string[];
  labsDir: string;
  domains: readonly string[];
  /** Lesson ids already read, with their file names. */
  seen: Map<string, string>;
}

function checkLesson(
  file: string,
  name: string,
  text: string,
  { tags, labs, labsDir, domains, seen }: LessonLinks,
): { lesson?: Lesson; diagnostics: Diagnostic[] } {
  const read = readFrontMatterFile(file, text, "lesson", () => "body");
  const found = [...read.diagnostics];
  if (!read.source || !read.data) return { diagnostics: found };
  const source = read.source;
  const result = lessonSchema.safeParse(read.data, { reportInput: true });
  if (!result.success) {
    return {
      diagnostics: [
        ...found,
        ...issuesToDiagnostics(result.error.issues, source, (p) => keysAt(lessonSchema, p)),
      ],
    };
  }
  const fm = result.data;
  if (!read.body.trim()) {
    found.push({
      file,
      line: read.bodyLine,
      column: 1,
      severity: "error",
      field: "body",
      message: "the lesson has no text",
    });
  }
  fm.tags.forEach((tag, i) => {
    if (!tags.has(tag)) {
      const suggestion = didYouMean(tag, [...tags]);
      found.push(
        source.diagnostic(["tags", i], `no question has the tag "${tag}"`, suggestion ? { suggestion } : {}),
      );
    }
  });
  fm.labs.forEach((lab, i) => {
    if (!labs.includes(lab)) {
      const suggestion = didYouMean(lab, labs);
      found.push(
        source.diagnostic(["labs", i], `no lab "${lab}" in ${labsDir}`, suggestion ? { suggestion } : {}),
      );
    }
  });
  if (fm.domain && domains.length > 0 && !domains.includes(fm.domain)) {
    const suggestion = didYouMean(fm.domain, domains);
    found.push(
      source.diagnostic(
        ["domain"],
        `"${fm.domain}" is not a domain of any pack`,
        suggestion ? { suggestion } : {},
      ),
    );
  }
  const first = seen.get(fm.id);
  if (first)
    found.push(source.diagnostic(["id"], `duplicate lesson id "${fm.id}": already used by ${first}`));
  seen.set(fm.id, name);
  if (found.some((d) => d.severity === "error")) return { diagnostics: found };
  const lesson: Lesson = {
    id: fm.id,
    title: fm.title,
    ...(fm.domain ? { domain: fm.domain } : {}),
    order: fm.order ?? 100,
    tags: fm.tags,
    labs: fm.labs,
    defaults: fm.defaults,
    body: read.body.trim(),
    file,
  };
  return { lesson, diagnostics: found };
}
