import path from "node:path";
import { describe, expect, it } from "vitest";
import { Trainer } from "../../src/trainer.js";
import {
  createScheduler,
  DEFAULT_FSRS_PARAMETERS,
  fitOf,
  fitsBetter,
  reviewHistories,
  seededRandom,
  trainingPrefixes,
  type LoggedReview,
  type Memory,
  type Rating,
} from "../../src/study/index.js";
import { loadOptimizer, optimizeParameters } from "../../src/study/fsrs-optimizer.js";
import { open, tempDir } from "../store/helpers.js";
import { DAY, T0 } from "./factory.js";

/** A learner whose memory follows FSRS with these parameters: everything is remembered longer than the defaults say. */
const TRUE_PARAMETERS = DEFAULT_FSRS_PARAMETERS.map((w, i) => (i < 4 ? w * 3 : i === 20 ? 0.3 : w));

/**
 * A log of `cards` questions reviewed at the default scheduler's intervals stretched or shrunk at
 * random, each answer recalled with the chance the true parameters give.
 */
function generatedLog(cards: number, reviewsPerCard: number, seed: string): LoggedReview[] {
  const truth = createScheduler(0.9, TRUE_PARAMETERS);
  const planner = createScheduler(0.9);
  const random = seededRandom(seed);
  const log: LoggedReview[] = [];
  for (let c = 0; c < cards; c++) {
    const questionId = `gen/q${String(c).padStart(4, "0")}`;
    let at = T0 + Math.floor(random.next() * 30) * DAY;
    let memory: Memory | null = null;
    let lastDay = 0;
    for (let r = 0; r < reviewsPerCard; r++) {
      const day = Math.floor(at / DAY);
      const elapsed = memory === null ? 0 : day - lastDay;
      const recalled =
        memory === null ? random.next() < 0.7 : random.next() < truth.recall(elapsed, memory.stability);
      const rating: Rating = recalled ? (random.next() < 0.15 ? 4 : 3) : 1;
      log.push({ questionId, at, rating });
      memory = truth.memoryAfter(memory, elapsed, rating);
      lastDay = day;
      const interval = planner.intervalDays(planner.memoryAfter(null, 0, 3).stability * (r + 1) ** 1.6);
      at += Math.max(1, Math.round(interval * (0.4 + random.next() * 1.6))) * DAY;
    }
  }
  return log;
}

describe("fitting FSRS to the learner", () => {
  it("builds one training item per review a day or more after the card's previous one", () => {
    const log: LoggedReview[] = [
      { questionId: "p/a", at: T0, rating: 1 },
      { questionId: "p/a", at: T0 + 600_000, rating: 3 },
      { questionId: "p/a", at: T0 + 3 * DAY, rating: 3 },
      { questionId: "p/b", at: T0 + DAY, rating: 3 },
    ];
    const histories = reviewHistories(log, 0);
    expect(histories).toEqual([
      [
        { rating: 1, deltaT: 0 },
        { rating: 3, deltaT: 0 },
        { rating: 3, deltaT: 3 },
      ],
      [{ rating: 3, deltaT: 0 }],
    ]);
    expect(trainingPrefixes(histories)).toEqual([{ history: 0, length: 3 }]);
  });

  const binding = loadOptimizer();
  it.runIf(binding !== null)(
    "fits 21 parameters that predict a generated log better than the defaults",
    async () => {
      const log = generatedLog(400, 12, "fsrs-fit");
      expect(log.length).toBeGreaterThan(4000);
      const histories = reviewHistories(log, 0);
      const fitted = await optimizeParameters(binding!, histories, trainingPrefixes(histories));
      expect(fitted).toHaveLength(21);
      const defaults = fitOf(DEFAULT_FSRS_PARAMETERS, histories);
      const after = fitOf(fitted, histories);
      expect(fitsBetter(after, defaults)).toBe(true);
      expect(after.logLoss).toBeLessThan(defaults.logLoss);
      // The fit is close to that of the parameters the log was generated with.
      expect(after.logLoss).toBeLessThan(fitOf(TRUE_PARAMETERS, histories).logLoss + 0.002);
      // Initial stabilities moved towards the true, longer ones.
      expect(fitted[2]!).toBeGreaterThan(DEFAULT_FSRS_PARAMETERS[2]!);
    },
    120_000,
  );

  it.runIf(binding !== null)(
    "stores fitted parameters, rebuilds the cards with them, and keeps them against a worse candidate",
    async () => {
      const store = open(path.join(tempDir(), "progress.db"));
      const trainer = new Trainer({ packs: [], diagnostics: [] }, store, () => T0 + 400 * DAY);
      for (const review of generatedLog(150, 10, "fsrs-store")) {
        store.recordAnswer({
          ...review,
          mode: "study",
          answer: { type: "single", choice: 0 },
          correct: review.rating > 1,
          durationMs: 10_000,
        });
      }
      const cardBefore = store.card("gen/q0001")!;
      const first = await trainer.optimizeFsrs((h, p) => optimizeParameters(binding!, h, p));
      expect(first.outcome).toBe("stored");
      const stored = store.fsrsParameters()!;
      expect(stored.parameters).toHaveLength(21);
      expect(store.scheduler().parameters).toEqual(stored.parameters);
      expect(store.card("gen/q0001")!.stability).not.toBeCloseTo(cardBefore.stability, 3);

      const worse = await trainer.optimizeFsrs(async () => [...DEFAULT_FSRS_PARAMETERS]);
      expect(worse.outcome).toBe("kept");
      expect(store.fsrsParameters()).toEqual(stored);

      store.setFsrsParameters(null);
      expect(store.scheduler().parameters).toEqual(DEFAULT_FSRS_PARAMETERS);
      expect(store.card("gen/q0001")!.stability).toBeCloseTo(cardBefore.stability, 6);
    },
    120_000,
  );
});
