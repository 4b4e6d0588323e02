import type { Key } from "ink";
import { hanging, style } from "../text.js";

/**
 * The terminal side of a question type: how its answer is drawn, edited by keys, and shown after
 * answering. `B` is the type's part of a question, `A` its answer. Positions are display positions:
 * `shown[d]` is the file index shown at position d, and answers stay in file indices.
 */
export interface AnswerView<B, A> {
  /** What to press, shown above the rows. */
  instructions(body: B): string;
  /** How many rows the cursor moves over. */
  rows(body: B): number;
  /**
   * The type's own keys: the edit a key press makes, or undefined when the key is not one of them
   * (moving the cursor and submitting a complete answer are common to every type).
   */
  keys(press: KeyPress<B, A>): AnswerEdit<A> | undefined;
  /** The answer rows; a row the cursor can be on has the key `row-N`. */
  draw(
    body: B,
    shown: readonly number[],
    answer: A | undefined,
    cursor: AnswerCursor,
    columns: number,
  ): AnswerBlock[];
  /** After answering: the right answer beside the learner's, marked with symbols. */
  solution(body: B, shown: readonly number[], answer: A | null, columns: number): string[];
}

export interface AnswerCursor {
  cursor: number;
  /** An item is picked up to be moved (list order). */
  holding: boolean;
  /** Why the last key did nothing (a fourth tick on "choose 3", Enter on an incomplete answer). */
  notice?: string;
}

export interface KeyPress<B, A> extends AnswerCursor {
  body: B;
  shown: readonly number[];
  answer: A | undefined;
  input: string;
  key: Key;
}

export interface AnswerEdit<A> {
  answer?: A;
  cursor?: number;
  holding?: boolean;
  /** Said when the key is refused, instead of doing nothing silently. */
  notice?: string;
}

export interface AnswerBlock {
  /** `row-N` for the row the cursor can be on, so a screen can keep it in view. */
  key: string;
  lines: string[];
}

/** One answer row: the cursor is a pointer and bold text, never colour alone. */
export function answerRow(active: boolean, marker: string, text: string, columns: number): string[] {
  const prefix = `${active ? "›" : " "} ${marker} `;
  const lines = hanging(prefix, text, columns);
  return active ? lines.map((l) => style.bold(l)) : lines;
}

export const clampRow = (row: number, rows: number) => Math.max(0, Math.min(rows - 1, row));
