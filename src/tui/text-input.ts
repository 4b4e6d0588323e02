import type { Key } from "ink";

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
  // eslint-disable-next-line no-control-regex
  const typed = input.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "");
  return (text + typed).slice(0, maxLength);
}
