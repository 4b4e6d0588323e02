/** Text measures for the item-writing checks: words, terms, plain lengths. */
import type { Question } from "./types.js";

export const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each few for from further had " +
    "has have having he her here hers him his how i if in into is it its itself just me more most my " +
    "no nor not now of off on once one only or other our ours out over own same she should so some " +
    "such than that the their theirs them then there these they this those through to too under until " +
    "up very was we were what when where which while who whom why will with would you your yours " +
    "kafka 4.1 4.x use used using so"
  ).split(" "),
);

export const ABSOLUTE_WORDS = new Set([
  "always",
  "never",
  "only",
  "all",
  "none",
  "every",
  "cannot",
  "can't",
  "must",
]);

export const ABOVE =
  /\b(?:all|none|both|neither) of (?:the )?(?:above|these|others|other options|options|answers|previous|preceding)\b|^\s*(?:all|none|both|neither)\W*$/i;

/** Option text as the learner reads it: no code backticks or bold marks, spaces collapsed. */
export function plain(text: string): string {
  return text
    .replace(/`|\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The option's terms: lower case, split at spaces, punctuation around a term taken off. A term keeps
 * its inner punctuation, so `East.payments` does not contain `payments`.
 */
export function termsOf(text: string): string[] {
  return plain(text)
    .toLowerCase()
    .split(" ")
    .map((t) => t.replace(/^[,;:.!?()"']+|[,;:.!?()"']+$/g, ""))
    .filter((t) => t.length > 0);
}

/** Text without its code spans: `acks=all` says nothing absolute. */
export function prose(text: string): string {
  return text.replace(/`[^`]*`/g, " ");
}

/** `outer` has all of `inner`'s terms, in a row, and more. */
export function containsTerms(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length >= outer.length) return false;
  for (let at = 0; at + inner.length <= outer.length; at++)
    if (inner.every((t, k) => outer[at + k] === t)) return true;
  return false;
}

/** Lower-case words; a dotted configuration name stays one word. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['._-][\p{L}\p{N}]+)*/gu) ?? []).map((w) =>
    w.replace(/'s$/, ""),
  );
}

/** Words without stop words, with a plural "s" taken off. */
export function contentWords(text: string): string[] {
  return words(plain(text))
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && /[^su]s$/.test(w) ? w.slice(0, -1) : w));
}

export function trigrams(list: readonly string[]): string[] {
  return list.slice(2).map((w, i) => `${list[i]} ${list[i + 1]} ${w}`);
}

export function localId(q: Question): string {
  return q.id.slice(q.pack.length + 1);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function ratio(a: number, b: number): string {
  return (b === 0 ? a : a / b).toFixed(2);
}

export function percent(count: number, of: number): number {
  return of === 0 ? 0 : Math.round((count / of) * 1000) / 10;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
