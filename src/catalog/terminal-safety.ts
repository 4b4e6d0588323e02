/* eslint-disable no-control-regex -- this module exists to find control characters */
/**
 * Content is printed to a terminal, so no text may carry characters that drive it: C0/C1 control
 * characters (ESC starts ANSI sequences), DEL, and bidirectional overrides that reorder what is shown.
 * Tab and newline are allowed; carriage return only as part of CRLF.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export interface UnsafeCharacter {
  /** Offset in the scanned text. */
  offset: number;
  description: string;
}

export function findUnsafeCharacters(text: string): UnsafeCharacter[] {
  const found: UnsafeCharacter[] = [];
  for (const match of text.matchAll(FORBIDDEN)) {
    const offset = match.index;
    const char = match[0];
    if (char === "\r" && text[offset + 1] === "\n") continue;
    found.push({ offset, description: describe(char, text[offset + 1]) });
  }
  return found;
}

/**
 * Shows every character that could drive a terminal as a visible escape (`\u001b`, `\u202e`), for
 * text printed by the tool that came from content or from the user. Tab and newline stay; a carriage return is shown too, since output never needs one. The
 * `\uXXXX` form keeps JSON valid: JSON.stringify leaves C1, DEL and bidi characters raw, and this
 * turns them into JSON's own escapes for the same characters.
 */
export function visible(text: string): string {
  return text.replace(FORBIDDEN, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Removes every unsafe character; for showing text that was never validated. */
export function stripUnsafe(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, "")
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, "")
    .replace(/\r\n/g, "\n")
    .replace(FORBIDDEN, "");
}

function describe(char: string, next: string | undefined): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  if (char === "\u001b") {
    return next === "[" || next === "]"
      ? `ANSI escape sequence (${code} ESC ${next}) is not allowed: it would drive the terminal`
      : `escape character ${code} is not allowed: it starts terminal control sequences`;
  }
  if (char === "\r")
    return `carriage return ${code} without a newline is not allowed: it overwrites the line`;
  if (/[\u202a-\u202e\u2066-\u2069]/.test(char)) {
    return `bidirectional override ${code} is not allowed: it reorders the text that is shown`;
  }
  return `control character ${code} is not allowed: content is shown in a terminal`;
}
