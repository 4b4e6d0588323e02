import type { Key } from "ink";

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
