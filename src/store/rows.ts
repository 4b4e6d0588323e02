import type { CardPhase, CardState } from "../study/scheduler.js";

/** A `card` row as SQLite returns it. */
export interface CardRow {
  question_id: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
  first_review: number;
}

export function cardFromRow(row: CardRow): CardState {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as CardPhase,
    lastReview: row.last_review,
  };
}

/** Named parameters for writing a card. */
export function cardParams(questionId: string, card: CardState, firstReview: number) {
  return {
    question_id: questionId,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview,
    first_review: firstReview,
  };
}

export const UPSERT_CARD = `
  INSERT INTO card (question_id, due, stability, difficulty, elapsed_days, scheduled_days,
                    learning_steps, reps, lapses, state, last_review, first_review)
  VALUES (@question_id, @due, @stability, @difficulty, @elapsed_days, @scheduled_days,
          @learning_steps, @reps, @lapses, @state, @last_review, @first_review)
  ON CONFLICT (question_id) DO UPDATE SET
    due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
    elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
    learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
    state = excluded.state, last_review = excluded.last_review,
    first_review = min(card.first_review, excluded.first_review)`;
