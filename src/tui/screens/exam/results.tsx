import { Text, useInput } from "ink";
import { useMemo, useReducer } from "react";
import type { Question } from "../../../catalog/types.js";
import { scoreExam, type ExamResult, type ExamSession } from "../../../study/index.js";
import { Bar } from "../../bar.js";
import { useScreen } from "../../context.js";
import { Frame, bodyHeight, windowStart, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { moveCursor, windowAround } from "../../list.js";
import { feedbackDoc, firstLine } from "../../question-doc.js";
import { useTerminalSize, type TerminalSize } from "../../terminal-size.js";

/** Which of the paper's questions the list shows. */
export const RESULT_FILTERS = ["all", "wrong", "flagged", "unanswered"] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

/** The results list's cursor and filter, and the question being walked through (null: the list). */
export interface ResultsView {
  filter: ResultFilter;
  /** Position in the filtered list. */
  cursor: number;
  /** Position in the filtered list of the question walked through, or null for the list. */
  walk: number | null;
  offset: number;
}

export type ResultsAction =
  | { type: "move"; by: 1 | -1; count: number }
  | { type: "walk" }
  | { type: "step"; by: 1 | -1; count: number }
  | { type: "list" }
  | { type: "scrollBy"; lines: number }
  | { type: "filter" };

export function resultsReducer(state: ResultsView, action: ResultsAction): ResultsView {
  switch (action.type) {
    case "move":
      return { ...state, cursor: moveCursor(state.cursor, action.by, action.count) };
    case "walk":
      return { ...state, walk: state.cursor, offset: 0 };
    case "step": {
      const at = (state.walk ?? 0) + action.by;
      return { ...state, walk: Math.max(0, Math.min(action.count - 1, at)), offset: 0 };
    }
    case "list":
      return { ...state, walk: null };
    case "scrollBy":
      return { ...state, offset: Math.max(0, state.offset + action.lines) };
    case "filter": {
      const next = RESULT_FILTERS[(RESULT_FILTERS.indexOf(state.filter) + 1) % RESULT_FILTERS.length]!;
      return { ...state, filter: next, cursor: 0, walk: null };
    }
  }
}

/** The paper positions the filter keeps, in order. */
export function filteredItems(result: ExamResult, filter: ResultFilter): number[] {
  return result.items.flatMap((item, n) =>
    filter === "all" ||
    (filter === "wrong" && item.answered && !item.correct) ||
    (filter === "flagged" && item.flagged) ||
    (filter === "unanswered" && !item.answered)
      ? [n]
      : [],
  );
}

/** A submitted exam: score, pass or fail, per-domain bars, and a walk through every question. */
export function ResultsScreen({ examId }: { examId: number }) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const stored = useMemo(() => trainer.store.exam(examId), [trainer, examId]);
  const result = useMemo(
    () => (stored ? scoreExam(stored.session, trainer.questions) : null),
    [stored, trainer],
  );
  const [view, dispatch] = useReducer(resultsReducer, { filter: "all", cursor: 0, walk: null, offset: 0 });
  const shown = result ? filteredItems(result, view.filter) : [];
  const count = shown.length;
  const page = bodyHeight(rows) - 1;

  useInput(
    (input, key) => {
      if (view.walk !== null) {
        if (bound("global", "back", input, key)) dispatch({ type: "list" });
        else if (bound("exam", "next", input, key)) dispatch({ type: "step", by: 1, count });
        else if (bound("exam", "previous", input, key)) dispatch({ type: "step", by: -1, count });
        else if (bound("list", "down", input, key)) dispatch({ type: "scrollBy", lines: 1 });
        else if (bound("list", "up", input, key)) dispatch({ type: "scrollBy", lines: -1 });
        else if (bound("list", "pageDown", input, key)) dispatch({ type: "scrollBy", lines: page });
        else if (bound("list", "pageUp", input, key)) dispatch({ type: "scrollBy", lines: -page });
        return;
      }
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("results", "filter", input, key)) dispatch({ type: "filter" });
      else if (bound("results", "practiseMissed", input, key))
        nav.push({ screen: "study", mode: "practice", missed: { examId } });
      else if (bound("list", "up", input, key)) dispatch({ type: "move", by: -1, count });
      else if (bound("list", "down", input, key)) dispatch({ type: "move", by: 1, count });
      else if (bound("list", "open", input, key) && count > 0) dispatch({ type: "walk" });
    },
    { isActive: active },
  );

  const size = { columns, rows };
  if (!stored || !result) {
    return (
      <Frame
        title="Results"
        lines={["This exam is not in the progress database."]}
        offset={0}
        hints="q back"
        columns={columns}
        rows={rows}
      />
    );
  }
  if (view.walk !== null && shown[view.walk] !== undefined) {
    const index = shown[view.walk]!;
    const walk = walkLines(stored.session, result, index, trainer.questions, columns);
    // Scrolling past the end stops at the last window, so scrolling back moves at once.
    const top = windowStart(view.offset, walk.length, rows);
    if (top !== view.offset) dispatch({ type: "scrollBy", lines: top - view.offset });
    return walkFrame(stored.session, result, index, walk, top, size);
  }
  return resultsFrame(
    stored.session,
    result,
    shown,
    view,
    trainer.questions,
    (id) => trainer.domainName(id),
    size,
  );
}

/** One question of the paper after the exam: the verdict, the solution and the explanation. */
function walkLines(
  session: ExamSession,
  result: ExamResult,
  walk: number,
  questions: ReadonlyMap<string, Question>,
  columns: number,
): string[] {
  const item = session.paper.items[walk]!;
  const question = questions.get(item.questionId);
  const score = result.items[walk]!;
  const width = Math.max(20, columns - 1);
  return question
    ? feedbackDoc(question, item.shown, session.answers[walk] ?? null, score.result, width).lines
    : ["This question is no longer in any pack."];
}

function walkFrame(
  session: ExamSession,
  result: ExamResult,
  walk: number,
  lines: readonly string[],
  offset: number,
  { columns, rows }: TerminalSize,
) {
  const count = session.paper.items.length;
  const score = result.items[walk]!;
  return (
    <Frame
      title={`Results · question ${walk + 1}/${count}${score.flagged ? " ⚑" : ""}`}
      status={`${score.correct ? "✓ right" : "✗ wrong"} `}
      lines={lines}
      offset={offset}
      hints="n next · b previous · ↑↓ scroll · q back to results"
      columns={columns}
      rows={rows}
    />
  );
}

/** The score, the domains as bars against the pass mark, and the questions the filter keeps. */
function resultsFrame(
  session: ExamSession,
  result: ExamResult,
  shown: number[],
  view: ResultsView,
  questions: ReadonlyMap<string, Question>,
  domainName: (id: string) => string,
  { columns, rows }: TerminalSize,
) {
  const verdict = result.passed ? "PASSED" : "NOT PASSED";
  const head: Line[] = [
    <Text key="score" bold>
      {result.correct}/{result.total} right · {Math.round(result.percent)}% · {verdict} (pass mark{" "}
      {result.passPercent}%)
      {session.timedOut ? " · time ran out" : ""}
    </Text>,
    "",
    ...result.domains.map((d) => (
      <Text key={d.domain}>
        {"  "}
        {domainName(d.domain).slice(0, 28).padEnd(28)}{" "}
        <Bar share={d.percent / 100} mark={result.passPercent / 100} />
        {`  ${d.correct}/${d.total}`}
      </Text>
    )),
    "",
    `Showing: ${view.filter} (${shown.length} of ${result.items.length}) · time per question in brackets`,
  ];
  const listHeight = Math.max(3, bodyHeight(rows) - head.length);
  const { start, end } = windowAround(shown.length, view.cursor, listHeight);
  const list: Line[] = shown.slice(start, end).map((n, i) => {
    const at = start + i;
    const score = result.items[n]!;
    const mark = score.correct ? "✓" : score.answered ? "✗" : "–";
    const partial = score.result && !score.correct ? ` ${score.result.right}/${score.result.total}` : "";
    const question = questions.get(score.questionId);
    const text = question ? firstLine(question.stem) : domainName(score.domain);
    return (
      <Text key={n} bold={at === view.cursor} wrap="truncate-end">
        {at === view.cursor ? "› " : "  "}
        {String(n + 1).padStart(3)}. {mark}
        {score.flagged ? "⚑" : " "} [{formatDuration(session.itemMs[n] ?? 0)}]{partial} {text}
      </Text>
    );
  });
  if (shown.length === 0) list.push(`  No ${view.filter} questions.`);
  return (
    <Frame
      title="Mock exam results"
      status={`${verdict} `}
      lines={[...head, ...list]}
      offset={0}
      hints="↑↓ move · Enter walk · f filter · m practise missed · q back"
      columns={columns}
      rows={rows}
    />
  );
}

/** `45s`, `2m05s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}
