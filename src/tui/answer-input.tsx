import { useInput } from "ink";
import { useState } from "react";
import type { Question } from "../catalog/types.js";
import { rightItems, type Answer } from "../study/answers.js";
import { assignMatch, chooseSingle, isComplete, moveItem, rowCount, toggleMultiple } from "./answer-edit.js";
import { bound, digit } from "./keymap.js";
import { hanging, inlineText, style, wrap } from "./text.js";

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

export interface AnswerCursor {
  cursor: number;
  holding: boolean;
}

/** The keyboard side of answering: moves the cursor and edits the answer the caller owns. */
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
  const rows = rowCount(question);

  useInput(
    (input, key) => {
      const n = digit(input);
      const up = bound("answer", "up", input, key);
      if (up || bound("answer", "down", input, key)) {
        const to = Math.max(0, Math.min(rows - 1, cursor + (up ? -1 : 1)));
        if (holding && answer) onChange(moveItem(answer, cursor, to));
        setCursor(to);
      } else if (bound("answer", "submit", input, key)) {
        if (question.type === "single" && !answer) onChange(chooseSingle(shown, cursor));
        else if (answer && isComplete(question, answer)) {
          setHolding(false);
          onSubmit?.(answer);
        }
      } else if (question.type === "single" && n !== undefined && n <= rows) {
        setCursor(n - 1);
        onChange(chooseSingle(shown, n - 1));
      } else if (question.type === "multiple" && (n !== undefined || bound("answer", "toggle", input, key))) {
        const position = n !== undefined ? n - 1 : cursor;
        if (position < rows) {
          setCursor(position);
          onChange(toggleMultiple(answer, shown, position));
        }
      } else if (question.type === "matching") {
        if (n !== undefined && n <= shown.length)
          onChange(assignMatch(answer, rows, shown, cursor, { position: n - 1 }));
        else if (bound("answer", "right", input, key))
          onChange(assignMatch(answer, rows, shown, cursor, { step: 1 }));
        else if (bound("answer", "left", input, key))
          onChange(assignMatch(answer, rows, shown, cursor, { step: -1 }));
      } else if (question.type === "order" && bound("answer", "toggle", input, key)) {
        setHolding(!holding);
      }
    },
    { isActive },
  );
  return { cursor, holding };
}

export interface AnswerBlock {
  /** `row-N` for the row the cursor can be on, so a screen can keep it in view. */
  key: string;
  lines: string[];
}

/** The answer area as blocks of lines, drawn from the answer and the cursor. */
export function answerBlocks(
  question: Question,
  shown: readonly number[],
  answer: Answer | undefined,
  { cursor, holding }: AnswerCursor,
  columns: number,
): AnswerBlock[] {
  const blocks: AnswerBlock[] = [
    { key: "instructions", lines: wrap(style.dim(instructions(question)), columns) },
  ];
  const row = (key: string, active: boolean, marker: string, text: string) =>
    blocks.push({ key, lines: answerRow(active, marker, text, columns) });
  if (question.type === "single" || question.type === "multiple") {
    shown.forEach((index, position) => {
      const picked =
        answer?.type === "single"
          ? answer.choice === index
          : answer?.type === "multiple" && answer.choices.includes(index);
      const box = question.type === "single" ? (picked ? "(•)" : "( )") : picked ? "[x]" : "[ ]";
      row(
        `row-${position}`,
        position === cursor,
        `${position + 1}. ${box}`,
        inlineText(question.options[index]!.text),
      );
    });
  } else if (question.type === "matching") {
    const matches = answer?.type === "matching" ? answer.matches : [];
    const rights = rightItems(question);
    question.pairs.forEach((pair, left) => {
      const match = matches[left];
      const position = match === null || match === undefined ? -1 : shown.indexOf(match);
      const partner = style.bold(position === -1 ? "  →  ?" : `  →  ${position + 1}`);
      row(`row-${left}`, left === cursor, `${letter(left)}.`, inlineText(pair.left) + partner);
    });
    blocks.push({
      key: "rights",
      lines: [
        "",
        ...shown.flatMap((index, position) =>
          answerRow(false, `${position + 1}.`, inlineText(rights[index]!), columns),
        ),
      ],
    });
  } else if (question.type === "order" && answer?.type === "order") {
    answer.order.forEach((index, position) => {
      const marker = `${position + 1}.${holding && position === cursor ? " ≡" : ""}`;
      row(`row-${position}`, position === cursor, marker, inlineText(question.items[index]!));
    });
  }
  return blocks;
}

const letter = (i: number) => String.fromCharCode(97 + i);

/** One answer row: the cursor is a pointer and bold text, never colour alone. */
function answerRow(active: boolean, marker: string, text: string, columns: number): string[] {
  const prefix = `${active ? "›" : " "} ${marker} `;
  const lines = hanging(prefix, text, columns);
  return active ? lines.map((l) => style.bold(l)) : lines;
}

function instructions(question: Question): string {
  switch (question.type) {
    case "single":
      return "Choose one: press its number, or move with ↑↓ and press Enter.";
    case "multiple": {
      const right = question.options.filter((o) => o.correct).length;
      return `Choose ${right}: press numbers (or Space) to select or clear, then Enter.`;
    }
    case "matching":
      return "Match each lettered item: ↑↓ to pick one, then its partner's number (or ←→); Enter when done.";
    case "order":
      return "Put these in order: Space picks up an item, ↑↓ moves it, Space drops it; Enter when done.";
  }
}
