import { Box, Text } from "ink";
import type { ReactElement } from "react";
import { clampOffset, scrollToShow, type Section } from "./lines.js";

/** A body line: text already rendered (it may carry styles), or an element exactly one line tall. */
export type Line = string | ReactElement;

/**
 * A whole screen: a title bar, a window onto the body's lines, and a line of key hints. It is always
 * one line shorter than the terminal: ink clears and redraws the whole terminal for a frame that
 * fills it (which flickers), and updates a shorter one in place. The window starts at `offset` kept
 * within the lines (see `windowStart`), so what is drawn and "↓ more" always agree.
 */
export function Frame({
  title,
  status,
  lines,
  offset,
  hints,
  columns,
  rows,
}: {
  title: string;
  status?: string;
  lines: readonly Line[];
  offset: number;
  hints: string;
  columns: number;
  rows: number;
}) {
  const height = bodyHeight(rows);
  const top = windowStart(offset, lines.length, rows);
  const visible = lines.slice(top, top + height);
  const more = moreMark(top > 0, top + height < lines.length);
  const right = status ?? "";
  const titleWidth = Math.max(0, columns - right.length - 1);
  return (
    <Box flexDirection="column" width={columns} height={frameHeight(rows)}>
      <Box width={columns}>
        <Text bold inverse wrap="truncate-end">
          {` ${title}`.padEnd(titleWidth).slice(0, titleWidth)}
        </Text>
        <Text bold inverse>
          {right.padStart(columns - titleWidth)}
        </Text>
      </Box>
      <Box flexDirection="column" height={height} width={columns} overflow="hidden">
        {visible.map((line, i) =>
          typeof line === "string" ? (
            <Text key={i} wrap="truncate-end">
              {line === "" ? " " : line}
            </Text>
          ) : (
            <Box key={i} height={1} overflow="hidden">
              {line}
            </Box>
          ),
        )}
      </Box>
      <Box width={columns}>
        <Text dimColor wrap="truncate-end">
          {more ? `${more} · ${hints}` : hints}
        </Text>
      </Box>
    </Box>
  );
}

function frameHeight(rows: number): number {
  return Math.max(5, rows - 1);
}

/** Lines left for the body once the title bar and the hint line are drawn. */
export function bodyHeight(rows: number): number {
  return frameHeight(rows) - 2;
}

/**
 * The first body line shown, for `total` body lines in a terminal `rows` tall: `offset` moved as
 * little as possible to show `keep` (the cursor's row), then kept within the lines so the last
 * window is full. `total` must count exactly the lines given to the Frame; a screen that remembers
 * its scroll stores this value, so scrolling up after overshooting the end moves at once.
 */
export function windowStart(offset: number, total: number, rows: number, keep?: Section): number {
  const height = bodyHeight(rows);
  return clampOffset(scrollToShow(offset, height, keep), height, total);
}

/** Before the key hints: whether there is more above or below, in at most 9 columns. */
function moreMark(above: boolean, below: boolean): string {
  if (above && below) return "↑↓ more";
  return above ? "↑ more" : below ? "↓ more" : "";
}
