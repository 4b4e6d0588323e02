import type { Key } from "ink";
import { stripUnsafe } from "../catalog/terminal-safety.js";

let typing = false;

/**
 * Whether a screen is taking typed text (a note, a setting's value): the app's own keys (`?` for
 * help) then leave the keyboard to it. Read by the key handlers as it is now.
 */
export function isTypingText(): boolean {
  return typing;
}

export function setTypingText(on: boolean): void {
  typing = on;
}

/**
 * One key press on a line of text being typed (a note, a setting's value): the new text, or whether
 * to save or cancel it. Only printable characters are taken: the text is shown in a terminal.
 */
export function editLine(
  text: string,
  input: string,
  key: Key,
  maxLength: number,
): string | "save" | "cancel" {
  if (key.return) return "save";
  if (key.escape) return "cancel";
  if (key.backspace || key.delete) return text.slice(0, -1);
  if (key.ctrl || key.meta) return text;
  // One line: the content rule's unsafe characters go, and so do the tab and newline it allows.
  const typed = stripUnsafe(input).replace(/[\t\n]/g, "");
  return (text + typed).slice(0, maxLength);
}
