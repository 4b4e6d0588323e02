/**
 * Text into a report: whatever a learner typed (a command's arguments) or a check observed may hold
 * markup, so every piece of text passes one of these. Characters that drive a terminal are shown as
 * `\uXXXX`, as the command line shows them.
 */
import { visible } from "../../catalog/terminal-safety.js";

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Text inside one line of markdown (after a line's own start, or a table cell): the characters that
 * open inline markup (emphasis, code, links, HTML tags, entities, strikethrough) or end a cell are
 * backslash-escaped, which CommonMark reads as the character itself; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return visible(text.replace(/\r?\n/g, " ")).replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);
}
