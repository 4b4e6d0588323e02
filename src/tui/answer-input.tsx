import type { Key } from "ink";
import type { Question } from "../catalog/types.js";
import { emptyAnswer, isComplete, type Answer } from "../study/answers.js";
import { answerView, ownAnswer, type AnswerBlock, type AnswerCursor } from "./answers/index.js";
import { clampRow } from "./answers/view.js";
import { bound } from "./keymap.js";
import { useLiveState } from "./live-state.js";
import { style, wrap } from "./text.js";

export type { AnswerBlock, AnswerCursor } from "./answers/index.js";

export interface AnswerKeysProps {
  question: Question;
  /** `shown[d]`: the file index shown at display position d. */
  shown: readonly number[];
  /** The answer as it is now (read at each key press, never from an earlier render). */
  answer: () => Answer | undefined;
  onChange: (answer: Answer) => void;
  /** Enter on a complete answer. */
  onSubmit?: (answer: Answer) => void;
  /** The cursor starts again at the top when this changes (the next question of an exam). */
  resetKey?: string | number;
}

interface CursorState extends AnswerCursor {
  resetKey: string | number | undefined;
}

export interface AnswerKeys extends AnswerCursor {
  /** Handles a key press if it is an answering key; true when it was. The screen calls it. */
  handle(input: string, key: Key): boolean;
}

/**
 * The keyboard side of answering: the question type's own keys first, then moving the cursor and
 * submitting a complete answer. The answer belongs to the caller; this only edits it. A key that does
 * nothing says why (`notice`). The screen's one key handler calls `handle`, so that only the screen
 * decides, from its current state, whether answering keys apply.
 */
export function useAnswerKeys({
  question,
  shown,
  answer,
  onChange,
  onSubmit,
  resetKey,
}: AnswerKeysProps): AnswerKeys {
  const fresh = (): CursorState => ({ cursor: 0, holding: false, resetKey });
  const live = useLiveState<CursorState>(fresh);
  const view = answerView(question.type);
  // A new question starts at the top, also when the learner comes back to one seen before.
  if (live.get().resetKey !== resetKey) live.set(fresh());
  const current = (): CursorState => (live.get().resetKey === resetKey ? live.get() : fresh());

  const handle = (input: string, key: Key): boolean => {
    const state = current();
    const given = effectiveAnswer(question, shown, answer());
    const edit = view.keys({
      body: question,
      shown,
      answer: ownAnswer(question, given),
      cursor: state.cursor,
      holding: state.holding,
      input,
      key,
    });
    if (edit) {
      live.set({
        resetKey,
        cursor: edit.cursor ?? state.cursor,
        holding: edit.holding ?? state.holding,
        ...(edit.notice ? { notice: edit.notice } : {}),
      });
      if (edit.answer) onChange(edit.answer);
      return true;
    }
    const up = bound("answer", "up", input, key);
    if (up || bound("answer", "down", input, key)) {
      live.set({
        resetKey,
        cursor: clampRow(state.cursor + (up ? -1 : 1), view.rows(question)),
        holding: state.holding,
      });
      return true;
    }
    if (!bound("answer", "submit", input, key)) return false;
    if (given && isComplete(question, given)) {
      live.set({ resetKey, cursor: state.cursor, holding: false });
      onSubmit?.(given);
    } else live.set({ ...state, notice: `Not complete yet. ${view.instructions(question)}` });
    return true;
  };
  const { cursor, holding, notice } = current();
  return { cursor, holding, ...(notice ? { notice } : {}), handle };
}

/** The answer to draw and edit: the one given, else the type's starting answer (a list in its shown order). */
export function effectiveAnswer(
  question: Question,
  shown: readonly number[],
  answer: Answer | undefined,
): Answer | undefined {
  return answer ?? emptyAnswer(question, shown);
}

/** The answer area as blocks of lines: what to press, then the type's rows drawn from the answer. */
export function answerBlocks(
  question: Question,
  shown: readonly number[],
  answer: Answer | undefined,
  cursor: AnswerCursor,
  columns: number,
): AnswerBlock[] {
  const view = answerView(question.type);
  return [
    { key: "instructions", lines: wrap(style.dim(view.instructions(question)), columns) },
    ...(cursor.notice ? [{ key: "notice", lines: wrap(style.bold(`› ${cursor.notice}`), columns) }] : []),
    ...view.draw(
      question,
      shown,
      ownAnswer(question, effectiveAnswer(question, shown, answer)),
      cursor,
      columns,
    ),
  ];
}
