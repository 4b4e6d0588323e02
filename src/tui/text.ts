import chalk from "chalk";
import { lexer, type Token, type Tokens } from "marked";
import stringWidth from "string-width";
import sliceAnsi from "slice-ansi";
import wrapAnsi from "wrap-ansi";
import { stripUnsafe } from "../catalog/terminal-safety.js";

/**
 * Text for the terminal as lines: markdown and answer rows are turned into styled, wrapped lines
 * here, so that a screen can show exactly the window of lines that fits. Styling never carries
 * meaning alone: inline code keeps its backticks, marks are symbols.
 */
export const style = {
  bold: (s: string) => chalk.bold(s),
  dim: (s: string) => chalk.dim(s),
  italic: (s: string) => chalk.italic(s),
  underline: (s: string) => chalk.underline(s),
  code: (s: string) => chalk.cyan(`\`${s}\``),
  good: (s: string) => chalk.green(s),
  bad: (s: string) => chalk.red(s),
  warn: (s: string) => chalk.yellow(s),
  accent: (s: string) => chalk.cyan(s),
};

export const width = (s: string): number => stringWidth(s);

/**
 * Wraps at spaces, never inside a word that fits on a line. A word wider than the line (a long
 * class name or `key=value`) gets lines of its own and is broken after punctuation where it can be.
 */
export function wrap(text: string, columns: number): string[] {
  const fit = Math.max(1, columns);
  return wrapAnsi(text, fit, { hard: false, trim: true })
    .split("\n")
    .flatMap((line) => (width(line) > fit ? breakWord(line, fit) : [line]));
}

/** Where a long word may be broken: after these, as `org.apache.` / `kafka=` / `a,` read naturally. */
const BREAK_AFTER = new Set([".", ",", ";", ":", "=", "/", "\\", "_", "-", "&", "?", ")", "]", "}"]);

/** A line that is one word wider than `columns`, cut into lines that fit (styles are kept). */
function breakWord(line: string, columns: number): string[] {
  // The column after each character, and whether the word may be broken there.
  const stops: { column: number; soft: boolean }[] = [];
  let column = 0;
  for (const char of chalkless(line)) {
    column += stringWidth(char);
    stops.push({ column, soft: BREAK_AFTER.has(char) });
  }
  const out: string[] = [];
  let start = 0;
  while (column - start > columns) {
    const fitting = stops.filter((s) => s.column > start && s.column <= start + columns);
    // Break after punctuation unless that leaves less than a third of the line used.
    const soft = fitting.filter((s) => s.soft && s.column - start >= columns / 3).at(-1);
    const end = (soft ?? fitting.at(-1))?.column ?? start + columns;
    out.push(sliceAnsi(line, start, end));
    start = end;
  }
  out.push(sliceAnsi(line, start));
  return out;
}

/** `prefix` on the first line; the wrapped rest aligned under the text. */
export function hanging(prefix: string, text: string, columns: number): string[] {
  const indent = width(prefix);
  return wrap(text, Math.max(10, columns - indent)).map(
    (line, i) => (i === 0 ? prefix : " ".repeat(indent)) + line,
  );
}

/** Prefixes every line (for nested blocks). */
export function indent(
  lines: readonly string[],
  first: string,
  rest: string = " ".repeat(width(first)),
): string[] {
  return lines.map((line, i) => (i === 0 ? first : rest) + line);
}

/** One line of markdown (an option, an item, a reference): emphasis and inline code. */
export function inlineText(markdown: string): string {
  const [first] = lexer(stripUnsafe(markdown));
  if (!first) return "";
  return first.type === "paragraph" || first.type === "heading" || first.type === "text"
    ? inline((first as Tokens.Paragraph).tokens ?? [])
    : decode(markdown);
}

/** Markdown as wrapped lines: paragraphs, headings, emphasis, code, lists, quotes, tables, rules. */
export function markdownLines(markdown: string, columns: number): string[] {
  return blocks(lexer(stripUnsafe(markdown)), columns);
}

function blocks(tokens: readonly Token[], columns: number): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.type === "space") continue;
    const lines = block(token, columns);
    if (lines.length === 0) continue;
    if (out.length > 0) out.push("");
    out.push(...lines);
  }
  return out;
}

function block(token: Token, columns: number): string[] {
  switch (token.type) {
    case "heading": {
      const text = inline((token as Tokens.Heading).tokens);
      return wrap(
        (token as Tokens.Heading).depth <= 2 ? style.underline(style.bold(text)) : style.bold(text),
        columns,
      );
    }
    case "paragraph":
      return wrap(inline((token as Tokens.Paragraph).tokens), columns);
    case "text":
      return wrap(
        (token as Tokens.Text).tokens
          ? inline((token as Tokens.Text).tokens!)
          : decode((token as Tokens.Text).text),
        columns,
      );
    case "code":
      // Code keeps its lines as written (a wrapped shell line would lose its \ continuation); a line
      // wider than the screen is cut by the frame, with a visible mark (see frame.tsx).
      return (token as Tokens.Code).text.split("\n").map((line) => `  ${style.accent(line)}`);
    case "blockquote":
      return indent(blocks((token as Tokens.Blockquote).tokens, columns - 2), "│ ", "│ ");
    case "list":
      return list(token as Tokens.List, columns);
    case "table":
      return table(token as Tokens.Table, columns);
    case "hr":
      return [style.dim("─".repeat(Math.max(1, columns)))];
    default:
      return wrap(decode("text" in token ? String(token.text) : token.raw), columns);
  }
}

function list(token: Tokens.List, columns: number): string[] {
  const start = typeof token.start === "number" ? token.start : 1;
  const markers = token.items.map((_, i) => (token.ordered ? `${start + i}. ` : "• "));
  const markerWidth = Math.max(...markers.map(width));
  return token.items.flatMap((item, i) => {
    const body = blocks(item.tokens, columns - markerWidth);
    return indent(body.length > 0 ? body : [""], markers[i]!.padEnd(markerWidth), " ".repeat(markerWidth));
  });
}

function table(token: Tokens.Table, columns: number): string[] {
  const rows = [token.header, ...token.rows].map((row) => row.map((cell) => inline(cell.tokens)));
  const count = token.header.length;
  const natural = Array.from({ length: count }, (_, c) => Math.max(1, ...rows.map((r) => width(r[c] ?? ""))));
  const longestWord = Array.from({ length: count }, (_, c) =>
    Math.max(
      1,
      ...rows.flatMap((r) =>
        chalkless(r[c] ?? "")
          .split(/\s+/)
          .map(width),
      ),
    ),
  );
  const widths = fitColumns(natural, longestWord, Math.max(count, columns - (count - 1) * 3));
  const out: string[] = [];
  rows.forEach((row, r) => {
    const cells = widths.map((w, c) => wrap(r === 0 ? style.bold(row[c] ?? "") : (row[c] ?? ""), w));
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      out.push(
        cells
          .map((cell, c) => pad(cell[line] ?? "", widths[c]!))
          .join(style.dim(" │ "))
          .trimEnd(),
      );
    }
    if (r === 0) out.push(style.dim(widths.map((w) => "─".repeat(w)).join("─┼─")));
  });
  return out;
}

/** Column widths that fit `available`: natural widths if they fit, else shrink the widest columns. */
export function fitColumns(natural: number[], longestWord: number[], available: number): number[] {
  const widths = [...natural];
  const floor = natural.map((n, i) => Math.min(n, Math.max(longestWord[i]!, 4)));
  while (widths.reduce((a, b) => a + b, 0) > available) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floor[i]! && (widest === -1 || w > widths[widest]!)) widest = i;
    });
    if (widest === -1) {
      // Even the floors do not fit: shrink the widest column regardless, down to 3.
      const i = widths.indexOf(Math.max(...widths));
      if (widths[i]! <= 3) break;
      widths[i]!--;
    } else widths[widest]!--;
  }
  return widths;
}

function inline(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case "strong":
          return style.bold(inline((token as Tokens.Strong).tokens));
        case "em":
          return style.italic(inline((token as Tokens.Em).tokens));
        case "del":
          return chalk.strikethrough(inline((token as Tokens.Del).tokens));
        case "codespan":
          return style.code(softBreaks(decode((token as Tokens.Codespan).text)));
        case "link": {
          const link = token as Tokens.Link;
          const label = inline(link.tokens);
          return chalkless(label) === link.href
            ? style.underline(label)
            : `${style.underline(label)} ${style.dim(`(${link.href})`)}`;
        }
        case "br":
          return "\n";
        case "text":
          return (token as Tokens.Text).tokens
            ? inline((token as Tokens.Text).tokens!)
            : softBreaks(decode((token as Tokens.Text).text));
        default:
          return softBreaks(decode("text" in token ? String(token.text) : token.raw));
      }
    })
    .join("");
}

/** A line break inside a paragraph is a space, as markdown means it. */
function softBreaks(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

function pad(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}

/** Text without ANSI styling, for measuring words. */
function chalkless(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing our own styling sequences
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** marked escapes HTML entities in text; a terminal shows the characters. */
function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
