/**
 * Screens are drawn as lines (see text.ts): the screen shows the window of lines that fits, which
 * keeps every frame exactly as tall as the terminal (ink redraws a taller frame from scratch, which
 * flickers) and makes scrolling and keeping the cursor in view simple arithmetic.
 */
export interface Section {
  /** Lines of this section, in the document's numbering. */
  start: number;
  end: number;
}

/** A document assembled from blocks, each remembered by key so a screen can scroll one into view. */
export class Doc {
  readonly lines: string[] = [];
  readonly sections = new Map<string, Section>();

  add(key: string, lines: readonly string[]): this {
    const start = this.lines.length;
    this.lines.push(...lines);
    this.sections.set(key, { start, end: this.lines.length });
    return this;
  }

  gap(): this {
    if (this.lines.length > 0) this.lines.push("");
    return this;
  }
}

/** The scroll offset that keeps `section` visible in a window of `height` lines, moving as little as possible. */
export function scrollToShow(offset: number, height: number, section: Section | undefined): number {
  if (!section) return offset;
  if (section.start < offset) return section.start;
  if (section.end > offset + height) return Math.min(section.start, section.end - height);
  return offset;
}

export function clampOffset(offset: number, height: number, total: number): number {
  return Math.max(0, Math.min(offset, Math.max(0, total - height)));
}
