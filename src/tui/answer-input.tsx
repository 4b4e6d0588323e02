import { useInput } from "ink";
import { useState } from "react";
import type { Question } from "../catalog/types.js";
import { isComplete, type Answer } from "../study/answers.js";
import { answerView, ownAnswer, type AnswerBlock, type AnswerCursor } from "./answers/index.js";
import { clampRow } from "./answers/view.js";
import { bound } from "./keymap.js";
import { style, wrap } from "./text.js";

export type { AnswerBlock, AnswerCursor } from "./answers/index.js";

export interface AnswerKeysProps {
  question: Question;
  /** `shown[d]`: the file index shown at display position d. */
  shown: readonly number[];
  answer: Answer | undefined;
  onChange: (answer: Answer) => void;
  /** Enter on a complete answer. */
  onSubmit?: (answer: Answer) => void;
  isActive: boolean;
}

/**
 * The keyboard side of answering: the question type's own keys first, then moving the cursor and
 * submitting a complete answer. The answer belongs to the caller; this only edits it.
 */
export function useAnswerKeys({
  question,
  shown,
  answer,
  onChange,
  onSubmit,
  isActive,
}: AnswerKeysProps): AnswerCursor {
  const [cursor, setCursor] = useState(0);
  const [holding, setHolding] = useState(false);
  const view = answerView(question.type);

  useInput(
    (input, key) => {
      const edit = view.keys({
        body: question,
        shown,
        answer: ownAnswer(question, answer),
        cursor,
        holding,
        input,
        key,
      });
      if (edit) {
        if (edit.cursor !== undefined) setCursor(edit.cursor);
        if (edit.holding !== undefined) setHolding(edit.holding);
        if (edit.answer) onChange(edit.answer);
        return;
      }
      const up = bound("answer", "up", input, key);
      if (up || bound("answer", "down", input, key))
        setCursor(clampRow(cursor + (up ? -1 : 1), view.rows(question)));
      else if (bound("answer", "submit", input, key) && answer && isComplete(question, answer)) {
        setHolding(false);
        onSubmit?.(answer);
      }
    },
    { isActive },
  );
  return { cursor, holding };
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
    ...view.draw(question, shown, ownAnswer(question, answer), cursor, columns),
  ];
}
