import { createRequire } from "node:module";
import type { DayReview } from "./fsrs-fit.js";

/**
 * The FSRS optimizer: fsrs-rs, the reference Rust implementation, through its Node binding. Only the
 * platform package is a dependency (see ARCHITECTURE.md), so it is loaded here by name and may be
 * missing; the types below are the few of its API this program uses.
 */
interface BindingReview {
  readonly rating: number;
}
interface BindingItem {
  readonly reviews: BindingReview[];
}
interface Binding {
  FSRSBindingReview: new (rating: number, deltaT: number) => BindingReview;
  FSRSBindingItem: new (reviews: BindingReview[]) => BindingItem;
  computeParameters(
    trainSet: BindingItem[],
    options?: { enableShortTerm: boolean; numRelearningSteps?: number; timeout?: number },
  ): Promise<number[]>;
}

/** The platforms a binary is installed for; elsewhere the optimizer is not available. */
const PACKAGES: Record<string, string> = {
  "linux-x64": "@open-spaced-repetition/binding-linux-x64-gnu",
};

export function platformName(): string {
  return `${process.platform}-${process.arch}`;
}

let loaded: Binding | null | undefined;

/** The binding, or null when no binary for this platform is installed. */
export function loadOptimizer(): Binding | null {
  if (loaded !== undefined) return loaded;
  const name = PACKAGES[platformName()];
  try {
    loaded = name ? (createRequire(import.meta.url)(name) as Binding) : null;
  } catch {
    loaded = null;
  }
  return loaded;
}

/**
 * Fits the 21 FSRS-6 parameters to the training set: each prefix is a card's history up to one review
 * (`trainingPrefixes`). Short-term (same-day) reviews count, with one relearning step, as the
 * scheduler uses them.
 */
export async function optimizeParameters(
  binding: Binding,
  histories: readonly DayReview[][],
  prefixes: readonly { history: number; length: number }[],
): Promise<number[]> {
  const reviews = histories.map((h) => h.map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT)));
  const items = prefixes.map((p) => new binding.FSRSBindingItem(reviews[p.history]!.slice(0, p.length)));
  return binding.computeParameters(items, { enableShortTerm: true, numRelearningSteps: 1 });
}
