/** A question read from another format, before it becomes a file of a pack; and what could not be kept. */
import { stringify } from "yaml";
import type { QuestionBody } from "../questions/index.js";
import { stripUnsafe } from "../catalog/terminal-safety.js";

export interface Draft {
  /** The source's own name for the question (a GIFT title), if it had one. */
  title?: string;
  /** The source's category (GIFT `$CATEGORY`), mapped to a domain on import. */
  category?: string;
  body: QuestionBody;
  stem: string;
  /** Empty when the source had none: the file is written and `validate` asks for one. */
  explanation: string;
  file: string;
  line: number;
}

/** Something of one question that the pack format cannot hold, or a question left out, with its place. */
export interface Report {
  file: string;
  line: number;
  message: string;
}

export interface ReadResult {
  drafts: Draft[];
  reports: Report[];
}

/** Text from another format, made safe to keep: no control characters, Unix line ends, trimmed. */
export function cleanText(text: string): string {
  return stripUnsafe(text.replace(/\r\n?/g, "\n")).trim();
}

const QUESTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

/** A file-name-friendly slug of some text: lower-case words joined by dashes, at most about 48 characters. */
export function slug(text: string): string {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let out = "";
  for (const word of words) {
    if (out && out.length + word.length + 1 > 48) break;
    out = out ? `${out}-${word}` : word.slice(0, 48);
  }
  return out || "question";
}

/** Ids from each draft's title (kept as written when it is a valid id) or a slug of its stem, unique among `taken`. */
export function assignIds(drafts: readonly Draft[], taken: Iterable<string> = []): string[] {
  const used = new Set([...taken].map((id) => id.toLowerCase()));
  return drafts.map((draft) => {
    const title = draft.title?.trim();
    const base = title ? (QUESTION_ID.test(title) ? title : slug(title)) : slug(draft.stem);
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    used.add(id.toLowerCase());
    return id;
  });
}

/** The question file of a draft, in the pack format (questions/README.md). */
export function questionFile(draft: Draft, id: string, domain: string): string {
  const { type, ...fields } = draft.body;
  const front = { id, type, domain, difficulty: "medium", ...fields };
  const yaml = stringify(front, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  return `---\n${yaml}---\n\n${draft.stem}\n\n## Explanation\n\n${draft.explanation}${draft.explanation ? "\n" : ""}`;
}
