import { Text } from "ink";

/** A share as a bar and a number, so it reads the same without colour. */
export function Bar({ share, width = 10, mark }: { share: number; width?: number; mark?: number }) {
  const clamped = Math.max(0, Math.min(1, share));
  const filled = Math.round(clamped * width);
  const cells: string[] = Array.from({ length: width }, (_, i) => (i < filled ? "█" : "░"));
  // The pass mark shows as a thin bar inside the bar.
  if (mark !== undefined) {
    const at = Math.min(width - 1, Math.max(0, Math.round(mark * width) - 1));
    cells[at] = cells[at] === "█" ? "▌" : "│";
  }
  return (
    <Text>
      <Text color={clamped >= (mark ?? 0.7) ? "green" : "yellow"}>{cells.join("")}</Text>
      {` ${String(Math.round(clamped * 100)).padStart(3)}%`}
    </Text>
  );
}
