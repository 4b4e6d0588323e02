import { Text, useInput } from "ink";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import {
  examReducer,
  remainingMs,
  scoreExam,
  toShownAnswer,
  type Answer,
  type ExamSession,
} from "../../study/index.js";
import { useAnswerKeys } from "../answer-input.js";
import { emptyAnswer, isComplete } from "../../study/index.js";
import { Bar } from "../bar.js";
import { useScreen } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { clampOffset, scrollToShow } from "../lines.js";
import { moveCursor, windowAround } from "../list.js";
import { feedbackDoc, questionDoc } from "../question-doc.js";
import { useTerminalSize } from "../terminal-size.js";

/** Minutes left at which the exam warns, most urgent last. */
export const EXAM_WARNINGS = [30, 15, 5] as const;

/** The warning in force: the smallest threshold the time left has gone under, or null. */
export function examWarning(remaining: number): number | null {
  const under = EXAM_WARNINGS.filter((m) => remaining <= m * 60_000);
  return under.length > 0 ? under[under.length - 1]! : null;
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
}

/** A timed mock exam: intro, the questions, an overview, confirmation, then the results. */
export function ExamScreen({ tickMs = 1000 }: { tickMs?: number }) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [exam, setExam] = useState<{ examId: number; session: ExamSession } | null>(null);
  const format = trainer.blueprint.exam;
  const settings = trainer.store.settings();
  const domains = new Set(trainer.blueprint.domains.map((d) => d.id));
  const available = trainer.allQuestions.filter((q) => domains.has(q.domain)).length;
  const count = Math.min(settings.examQuestions ?? format.questions, available);
  const minutes = settings.examMinutes ?? format.minutes;

  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "open", input, key)) setExam(trainer.newExam());
    },
    { isActive: active && exam === null },
  );

  if (exam) return <RunningExam examId={exam.examId} initial={exam.session} tickMs={tickMs} />;
  const lines: Line[] = [
    <Text key="a" bold>
      Mock exam: {count} questions in {minutes} minutes, pass mark {trainer.passPercent()}%.
    </Text>,
    "",
    "Questions are drawn per the exam's domain weights. You can change answers, flag questions",
    "and move back and forth until you submit; at zero the exam submits itself.",
    "Multiple select, matching and list order count only when wholly right.",
    "",
    "Press Enter to start, q to go back.",
  ];
  return (
    <Frame
      title="Mock exam"
      lines={lines}
      offset={0}
      hints="Enter start · q back"
      columns={columns}
      rows={rows}
    />
  );
}

type Mode = "question" | "overview" | "confirm";

function RunningExam({ examId, initial, tickMs }: { examId: number; initial: ExamSession; tickMs: number }) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [session, dispatch] = useReducer(examReducer, initial);
  const [mode, setMode] = useState<Mode>("question");
  const [overviewCursor, setOverviewCursor] = useState(0);
  const [offset, setOffset] = useState(0);
  const saved = useRef(initial);
  const now = trainer.now();

  useEffect(() => {
    const timer = setInterval(() => dispatch({ type: "tick", now: trainer.now() }), tickMs);
    return () => clearInterval(timer);
  }, [trainer, tickMs]);

  // Every change is saved at once, and a submitted exam is scored, stored and shown.
  useEffect(() => {
    if (session === saved.current) return;
    saved.current = session;
    if (session.status === "submitted") {
      trainer.finishExam(examId, session);
      nav.replace({ screen: "results", examId });
    } else trainer.saveExam(examId, session);
  }, [session, trainer, examId, nav]);

  const index = session.current;
  const item = session.paper.items[index]!;
  const question = trainer.questions.get(item.questionId);
  const fileAnswer = session.answers[index] ?? undefined;

  const setAnswer = (answer: Answer) =>
    dispatch({ type: "answer", now: trainer.now(), index, answer: toShownAnswer(item, answer) });
  const cursor = useAnswerKeys({
    question: question!,
    shown: item.shown,
    answer: fileAnswer ?? (question ? emptyAnswer(question, item.shown) : undefined),
    onChange: setAnswer,
    onSubmit: (answer) => {
      setAnswer(answer);
      dispatch({ type: "next", now: trainer.now() });
    },
    isActive: active && mode === "question" && question !== undefined,
  });

  useInput(
    (input, key) => {
      const at = trainer.now();
      if (mode === "confirm") {
        if (input === "y") dispatch({ type: "submit", now: at });
        else if (input === "n" || bound("global", "back", input, key)) setMode("question");
        return;
      }
      if (mode === "overview") {
        if (bound("list", "up", input, key))
          setOverviewCursor((c) => moveCursor(c, -1, session.paper.items.length));
        else if (bound("list", "down", input, key))
          setOverviewCursor((c) => moveCursor(c, 1, session.paper.items.length));
        else if (bound("list", "open", input, key)) {
          dispatch({ type: "goto", now: at, index: overviewCursor });
          setMode("question");
        } else if (bound("exam", "submitExam", input, key)) setMode("confirm");
        else if (bound("global", "back", input, key) || bound("exam", "overview", input, key))
          setMode("question");
        return;
      }
      if (bound("exam", "next", input, key)) dispatch({ type: "next", now: at });
      else if (bound("exam", "previous", input, key)) dispatch({ type: "prev", now: at });
      else if (bound("exam", "flag", input, key)) dispatch({ type: "flag", now: at, index });
      else if (bound("exam", "overview", input, key)) {
        setOverviewCursor(index);
        setMode("overview");
      } else if (bound("exam", "submitExam", input, key)) setMode("confirm");
      else if (bound("global", "back", input, key)) setMode("overview");
      else if (bound("list", "pageDown", input, key)) setOffset((o) => o + bodyHeight(rows) - 1);
      else if (bound("list", "pageUp", input, key)) setOffset((o) => Math.max(0, o - bodyHeight(rows) + 1));
    },
    { isActive: active },
  );

  const remaining = remainingMs(session, now);
  const warning = examWarning(remaining);
  const answered = session.answers.filter((a) => a !== null).length;
  const flagged = session.flags.filter(Boolean).length;
  const status = `${warning ? "⚠ " : ""}${formatClock(remaining)} left `;
  const height = bodyHeight(rows);
  const banner: Line[] = warning
    ? [<Text key="warn" bold color="yellow">{`⚠ Less than ${warning} minutes left.`}</Text>]
    : [];

  if (mode === "confirm") {
    const unanswered = session.paper.items.length - answered;
    const lines: Line[] = [
      ...banner,
      <Text key="q" bold>
        Submit the exam now?
      </Text>,
      `${answered} answered, ${unanswered} unanswered, ${flagged} flagged.`,
      unanswered > 0 ? "Unanswered questions count as wrong." : "",
      "",
      "y submit · n keep working",
    ];
    return (
      <Frame
        title="Mock exam · submit?"
        status={status}
        lines={lines}
        offset={0}
        hints="y submit · n back"
        columns={columns}
        rows={rows}
      />
    );
  }

  if (mode === "overview") {
    const listHeight = Math.max(3, height - 2 - banner.length);
    const { start, end } = windowAround(session.paper.items.length, overviewCursor, listHeight);
    const lines: Line[] = [
      ...banner,
      `${answered} answered · ${session.paper.items.length - answered} unanswered · ${flagged} flagged`,
      "",
      ...session.paper.items.slice(start, end).map((it, i) => {
        const n = start + i;
        const state = session.answers[n] ? "answered  " : "unanswered";
        return (
          <Text key={n} bold={n === overviewCursor}>
            {n === overviewCursor ? "› " : "  "}
            {String(n + 1).padStart(3)}. {state} {session.flags[n] ? "⚑ flagged" : "         "}{" "}
            <Text dimColor>{trainer.domainName(it.domain)}</Text>
          </Text>
        );
      }),
    ];
    return (
      <Frame
        title="Mock exam · overview"
        status={status}
        lines={lines}
        offset={0}
        hints="↑↓ move · Enter go to · S submit · q/o back"
        columns={columns}
        rows={rows}
      />
    );
  }

  const width = Math.max(20, columns - 1);
  const doc = question ? questionDoc(question, item.shown, fileAnswer ?? undefined, cursor, width) : null;
  const lines: Line[] = [
    ...banner,
    ...(doc ? doc.lines : ["This question is no longer in any pack; it counts as unanswered."]),
  ];
  const section = doc?.sections.get(`row-${cursor.cursor}`);
  const shifted = section
    ? { start: section.start + banner.length, end: section.end + banner.length }
    : undefined;
  const view = clampOffset(scrollToShow(offset, height, shifted), height, lines.length);
  if (view !== offset) setOffset(view);
  const done = question && isComplete(question, fileAnswer);
  return (
    <Frame
      title={`Mock exam · ${index + 1}/${session.paper.items.length}${session.flags[index] ? " ⚑ flagged" : ""}${done ? " · answered" : ""}`}
      status={status}
      lines={lines}
      offset={view}
      hints="n next · p previous · f flag · o overview · S submit · ? keys"
      columns={columns}
      rows={rows}
    />
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
  const [cursor, setCursor] = useState(0);
  const [walk, setWalk] = useState<number | null>(null);
  const [offset, setOffset] = useState(0);
  const count = stored?.session.paper.items.length ?? 0;

  useInput(
    (input, key) => {
      if (walk !== null) {
        if (bound("global", "back", input, key)) setWalk(null);
        else if (bound("exam", "next", input, key)) {
          setWalk((w) => Math.min(count - 1, (w ?? 0) + 1));
          setOffset(0);
        } else if (bound("exam", "previous", input, key)) {
          setWalk((w) => Math.max(0, (w ?? 0) - 1));
          setOffset(0);
        } else if (bound("list", "down", input, key)) setOffset((o) => o + 1);
        else if (bound("list", "up", input, key)) setOffset((o) => Math.max(0, o - 1));
        else if (bound("list", "pageDown", input, key)) setOffset((o) => o + bodyHeight(rows) - 1);
        else if (bound("list", "pageUp", input, key)) setOffset((o) => Math.max(0, o - bodyHeight(rows) + 1));
        return;
      }
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "up", input, key)) setCursor((c) => moveCursor(c, -1, count));
      else if (bound("list", "down", input, key)) setCursor((c) => moveCursor(c, 1, count));
      else if (bound("list", "open", input, key) && count > 0) {
        setWalk(cursor);
        setOffset(0);
      }
    },
    { isActive: active },
  );

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
  const session = stored.session;
  const width = Math.max(20, columns - 1);
  const height = bodyHeight(rows);

  if (walk !== null) {
    const item = session.paper.items[walk]!;
    const question = trainer.questions.get(item.questionId);
    const score = result.items[walk]!;
    const doc = question
      ? feedbackDoc(question, item.shown, session.answers[walk] ?? null, score.result, width)
      : null;
    const lines = doc ? doc.lines : ["This question is no longer in any pack."];
    const view = clampOffset(offset, height, lines.length);
    return (
      <Frame
        title={`Results · question ${walk + 1}/${count}${score.flagged ? " ⚑" : ""}`}
        status={`${score.correct ? "✓ right" : "✗ wrong"} `}
        lines={lines}
        offset={view}
        hints="n next · p previous · ↑↓ scroll · q back to results"
        columns={columns}
        rows={rows}
      />
    );
  }

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
        {trainer.domainName(d.domain).slice(0, 28).padEnd(28)}{" "}
        <Bar share={d.percent / 100} mark={result.passPercent / 100} />
        {`  ${d.correct}/${d.total}`}
      </Text>
    )),
    "",
  ];
  const listHeight = Math.max(3, height - head.length);
  const { start, end } = windowAround(count, cursor, listHeight);
  const list: Line[] = result.items.slice(start, end).map((score, i) => {
    const n = start + i;
    const mark = score.correct ? "✓" : score.answered ? "✗" : "–";
    const partial = score.result && !score.correct ? ` (${score.result.right}/${score.result.total})` : "";
    return (
      <Text key={n} bold={n === cursor}>
        {n === cursor ? "› " : "  "}
        {String(n + 1).padStart(3)}. {mark} {score.answered ? "" : "unanswered "}
        {score.flagged ? "⚑ " : ""}
        <Text dimColor>{trainer.domainName(score.domain)}</Text>
        {partial}
      </Text>
    );
  });
  return (
    <Frame
      title="Mock exam results"
      status={`${verdict} `}
      lines={[...head, ...list]}
      offset={0}
      hints="↑↓ move · Enter walk through · q back"
      columns={columns}
      rows={rows}
    />
  );
}
