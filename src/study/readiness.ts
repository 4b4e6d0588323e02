import type { Domain, Question } from "../catalog/types.js";
import type { CardState, Scheduler } from "./scheduler.js";

/** What study functions need to know about a question. */
export type QuestionRef = Pick<Question, "id" | "domain" | "tags" | "difficulty">;

export interface DomainReadiness {
  id: string;
  name: string;
  /** Blueprint weight in percent. */
  weight: number;
  questions: number;
  seen: number;
  /** Seen, graduated to review, and still recalled at least at the desired retention. */
  mastered: number;
  /** Expected share of this domain's questions answered right now (0..1). */
  expected: number;
}

export interface Readiness {
  domains: DomainReadiness[];
  /** Blueprint-weighted expected exam score (0..1). */
  predicted: number;
  unseenPrior: number;
}

export interface ReadinessInput {
  questions: readonly QuestionRef[];
  cards: ReadonlyMap<string, CardState>;
  domains: readonly Domain[];
  now: number;
  scheduler: Scheduler;
  unseenPrior: number;
}

/**
 * Per domain, the mean over its questions of the chance of answering each right now: FSRS
 * retrievability for a question seen before, the prior for one never seen. A domain with no questions
 * gets the prior. The prediction is the mean of the domains weighted by the blueprint.
 */
export function readiness(input: ReadinessInput): Readiness {
  const { cards, now, scheduler, unseenPrior } = input;
  const byDomain = new Map<string, QuestionRef[]>();
  for (const q of input.questions) {
    const list = byDomain.get(q.domain);
    if (list) list.push(q);
    else byDomain.set(q.domain, [q]);
  }
  const domains = input.domains.map((d): DomainReadiness => {
    const questions = byDomain.get(d.id) ?? [];
    let sum = 0;
    let seen = 0;
    let mastered = 0;
    for (const q of questions) {
      const card = cards.get(q.id);
      if (!card || card.state === 0) {
        sum += unseenPrior;
        continue;
      }
      const r = scheduler.retrievability(card, now);
      seen += 1;
      sum += r;
      if (card.state === 2 && r >= scheduler.desiredRetention) mastered += 1;
    }
    return {
      id: d.id,
      name: d.name,
      weight: d.weight,
      questions: questions.length,
      seen,
      mastered,
      expected: questions.length > 0 ? sum / questions.length : unseenPrior,
    };
  });
  return { domains, predicted: blueprintScore(domains, unseenPrior), unseenPrior };
}

/** The predicted exam score: the domains' expected shares weighted by the blueprint (`fallback` without weights). */
export function blueprintScore(
  domains: readonly { weight: number; expected: number }[],
  fallback: number,
): number {
  const weightSum = domains.reduce((s, d) => s + d.weight, 0);
  return weightSum > 0 ? domains.reduce((s, d) => s + d.weight * d.expected, 0) / weightSum : fallback;
}
