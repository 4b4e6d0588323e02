/** Replication lag from end offsets on both sides: the read of both ends, then pure arithmetic. */
import { topicOffsets } from "../kafka/client.js";
import { remoteName, type MirrorFlow } from "../mirror.js";
import { within } from "../wait.js";

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

export const totalLag = (partitions: PartitionLag[]) => partitions.reduce((sum, p) => sum + p.lag, 0);

export interface MirrorEnds {
  /** End offsets of the topic on the flow's source, null when they could not be read. */
  source: bigint[] | null;
  /** End offsets of its mirror on the target, null when they could not be read (no mirror yet). */
  target: bigint[] | null;
}

/** End offsets of a topic and of its mirror, each read within `ms`; a side that is down is null. */
export async function mirrorEnds(
  flow: MirrorFlow,
  topic: string,
  bootstraps: Record<MirrorFlow["source"], string | null>,
  ms = 5000,
): Promise<MirrorEnds> {
  const read = (bootstrap: string | null, name: string) =>
    bootstrap ? within(topicOffsets(bootstrap, name), ms).catch(() => null) : Promise.resolve(null);
  const [source, target] = await Promise.all([
    read(bootstraps[flow.source], topic),
    read(bootstraps[flow.target], remoteName(flow, topic)),
  ]);
  return { source, target };
}

/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}
