/** Replication lag from end offsets on both sides: pure arithmetic. */

export interface PartitionLag {
  partition: number;
  sourceEnd: number;
  targetEnd: number;
  /** Records on A not yet on B; exact while both logs start at offset 0 with no gaps (no transactions). */
  lag: number;
}

export function partitionLags(sourceEnds: bigint[], targetEnds: bigint[]): PartitionLag[] {
  return sourceEnds.map((end, partition) => {
    const sourceEnd = Number(end);
    const targetEnd = Number(targetEnds[partition] ?? 0n);
    return { partition, sourceEnd, targetEnd, lag: Math.max(0, sourceEnd - targetEnd) };
  });
}

/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}
