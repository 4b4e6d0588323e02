import type { Blueprint, Difficulty, Question, QuestionOf } from "../../src/catalog/types.js";

/** Builds questions for tests without going through the catalog loader. */
interface Common {
  id?: string;
  domain?: string;
  difficulty?: Difficulty;
  tags?: string[];
}

let counter = 0;
function common(c: Common) {
  counter += 1;
  const id = c.id ?? `test/q${counter}`;
  return {
    id,
    pack: id.split("/")[0] ?? "test",
    domain: c.domain ?? "fundamentals",
    difficulty: c.difficulty ?? "medium",
    tags: c.tags ?? [],
    references: [],
    defaults: [],
    stem: `Stem of ${id}`,
    explanation: `Explanation of ${id}`,
    file: `${id}.md`,
    revision: `rev-${id}`,
  };
}

/** Four options; `correct` says which are right. */
export function single(c: Common & { correct?: number; options?: number } = {}): QuestionOf<"single"> {
  const n = c.options ?? 4;
  const right = c.correct ?? 0;
  return {
    ...common(c),
    type: "single",
    options: Array.from({ length: n }, (_, i) => ({ text: `option ${i}`, correct: i === right })),
  };
}

export function multiple(c: Common & { correct?: number[]; options?: number } = {}): QuestionOf<"multiple"> {
  const n = c.options ?? 5;
  const right = new Set(c.correct ?? [0, 2]);
  return {
    ...common(c),
    type: "multiple",
    options: Array.from({ length: n }, (_, i) => ({ text: `option ${i}`, correct: right.has(i) })),
  };
}

export function matching(c: Common & { pairs?: number; distractors?: number } = {}): QuestionOf<"matching"> {
  return {
    ...common(c),
    type: "matching",
    pairs: Array.from({ length: c.pairs ?? 3 }, (_, i) => ({ left: `left ${i}`, right: `right ${i}` })),
    distractors: Array.from({ length: c.distractors ?? 1 }, (_, i) => `distractor ${i}`),
  };
}

export function order(c: Common & { items?: number } = {}): QuestionOf<"order"> {
  return { ...common(c), type: "order", items: Array.from({ length: c.items ?? 4 }, (_, i) => `step ${i}`) };
}

export const BLUEPRINT: Blueprint = {
  exam: { questions: 60, minutes: 90, passPercent: 70 },
  domains: [
    { id: "fundamentals", name: "Apache Kafka fundamentals", weight: 15 },
    { id: "cluster-config", name: "Cluster configuration", weight: 22 },
    { id: "security", name: "Security", weight: 15 },
    { id: "troubleshooting", name: "Troubleshooting", weight: 15 },
    { id: "deployment", name: "Deployment architecture", weight: 12 },
    { id: "connect", name: "Kafka Connect", weight: 12 },
    { id: "observability", name: "Observability", weight: 10 },
  ],
};

/** `perDomain` questions of mixed types in every blueprint domain. */
export function bank(perDomain: number, blueprint: Blueprint = BLUEPRINT): Question[] {
  const makers = [single, multiple, matching, order] as const;
  return blueprint.domains.flatMap((d) =>
    Array.from({ length: perDomain }, (_, i) => {
      const make = makers[i % makers.length]!;
      return make({ id: `test/${d.id}-${i}`, domain: d.id, tags: i % 2 === 0 ? ["even"] : ["odd"] });
    }),
  );
}

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const DAY = 86_400_000;
