import { Box, Text } from "ink";
import type { ReactElement } from "react";

/** A body line: text already rendered (it may carry styles), or an element exactly one line tall. */
export type Line = string | ReactElement;

/**
 * A whole screen: a title bar, a window onto the body's lines, and a line of key hints. It is always
 * one line shorter than the terminal: ink clears and redraws the whole terminal for a frame that
 * fills it (which flickers), and updates a shorter one in place.
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
  const visible = lines.slice(offset, offset + height);
  const more = [offset > 0 ? "↑ more" : "", offset + height < lines.length ? "↓ more" : ""]
    .filter(Boolean)
    .join("  ");
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
          {more ? `${more}  ·  ${hints}` : hints}
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
