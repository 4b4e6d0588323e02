/** A cursor over a list, and the window of rows around it that fits `height`. */
export function windowAround(count: number, cursor: number, height: number): { start: number; end: number } {
  if (count <= height) return { start: 0, end: count };
  const start = Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
  return { start, end: start + height };
}

export function moveCursor(cursor: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return Math.max(0, Math.min(count - 1, cursor + delta));
}
