/** One share to allocate: a key, its weight, and optionally how many it can take at most. */
export interface Share {
  key: string;
  weight: number;
  capacity?: number;
}

/**
 * Splits `total` whole units in proportion to the weights by the largest-remainder method: each key
 * gets the whole part of its quota, and the units left go to the largest fractional parts (ties: the
 * larger weight, then the earlier key). A key whose quota exceeds its capacity is filled to capacity
 * first and the rest is split among the others the same way. The result sums to
 * min(total, sum of capacities).
 */
export function allocate(total: number, shares: readonly Share[]): Map<string, number> {
  const result = new Map<string, number>(shares.map((s) => [s.key, 0]));
  const capacity = (s: Share) => Math.max(0, Math.floor(s.capacity ?? Infinity));
  let open = shares.map((s, order) => ({ ...s, order })).filter((s) => capacity(s) > 0);
  // If every weight is zero, share equally.
  if (!open.some((s) => s.weight > 0)) open = open.map((s) => ({ ...s, weight: 1 }));
  open = open.filter((s) => s.weight > 0);
  let left = Math.min(
    Math.max(0, Math.floor(total)),
    open.reduce((sum, s) => sum + capacity(s), 0),
  );

  // Fill the keys that cannot take their quota, until every remaining quota fits.
  for (;;) {
    const weightSum = open.reduce((sum, s) => sum + s.weight, 0);
    const full = open.filter((s) => (left * s.weight) / weightSum >= capacity(s));
    if (full.length === 0) break;
    for (const s of full) {
      result.set(s.key, capacity(s));
      left -= capacity(s);
    }
    open = open.filter((s) => !full.includes(s));
  }

  const weightSum = open.reduce((sum, s) => sum + s.weight, 0);
  const quotas = open.map((s) => {
    const quota = (left * s.weight) / weightSum;
    return { share: s, whole: Math.floor(quota), fraction: quota - Math.floor(quota) };
  });
  let given = quotas.reduce((sum, q) => sum + q.whole, 0);
  const byRemainder = [...quotas].sort(
    (a, b) => b.fraction - a.fraction || b.share.weight - a.share.weight || a.share.order - b.share.order,
  );
  for (const q of byRemainder) {
    if (given >= left) break;
    q.whole += 1;
    given += 1;
  }
  for (const q of quotas) result.set(q.share.key, q.whole);
  return result;
}
