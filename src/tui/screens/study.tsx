import { Text, useInput } from "ink";
import { useMemo, useRef, useState } from "react";
import type { Question } from "../../catalog/types.js";
import { useAnswerKeys } from "../answer-input.js";
import { useLiveState } from "../live-state.js";
import { editLine, setTypingText } from "../text-input.js";
import { useScreen } from "../context.js";
import { Frame, bodyHeight, windowStart, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { wrap } from "../text.js";
import { feedbackDoc, questionDoc } from "../question-doc.js";
import { useTerminalSize } from "../terminal-size.js";
import {
  emptyAnswer,
  formatInterval,
  isComplete,
  presentation,
  RATING_NAMES,
  seededRandom,
  type Answer,
  type Rating,
} from "../../study/index.js";
import type { RecordedAnswer } from "../../trainer.js";

interface Done {
  question: Question;
  recorded: RecordedAnswer;
  rating: Rating;
  /** The answer as given, to show its feedback again after an undo. */
  answer: Answer | undefined;
}

/** A study or practice session: each question in turn, feedback after each, a summary at the end. */
export function StudyScreen({
  mode,
  domain,
  tag,
  missed,
}: {
  mode: "study" | "practice";
  domain?: string;
  tag?: string;
  /** Exactly the questions missed: in mock exam `examId`, or last time they were answered. */
  missed?: { examId?: number };
}) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const seed = useRef(String(trainer.now())).current;
  const queue = useMemo(
    () =>
      trainer
        .queue({
          mode,
          seed,
          ...(domain ? { domain } : {}),
          ...(tag ? { tag } : {}),
          ...(missed ? { only: new Set(trainer.missedQuestions(missed.examId)) } : {}),
        })
        .map((item) => trainer.questions.get(item.questionId))
        .filter((q): q is Question => q !== undefined),
    [trainer, mode, domain, tag, missed, seed],
  );
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState<Done[]>([]);
  const finished = index >= queue.length;
  const title =
    mode === "study"
      ? "Study"
      : missed
        ? `Practice: missed${missed.examId === undefined ? "" : ` in mock exam ${missed.examId}`}`
        : `Practice: ${domain ? trainer.domainName(domain) : ""}${tag ? `#${tag}` : ""}`;

  if (queue.length === 0) {
    return (
      <Message
        title={title}
        text={
          mode === "study"
            ? "Nothing is due and today's new questions are done. Come back later, or practise a domain from the home screen."
            : missed
              ? "Nothing missed: every question there was answered right."
              : "No questions match this choice."
        }
      />
    );
  }
  // `u` goes back to the last question's feedback, to rate it again; nothing new is recorded.
  const undo = index > 0 ? () => setIndex(index - 1) : undefined;
  if (finished) return <Summary title={title} done={done} {...(undo ? { onUndo: undo } : {})} />;
  const question = queue[index]!;
  const reopened = done[index];
  return (
    <QuestionTurn
      key={`${index}:${question.id}:${reopened ? "again" : "new"}`}
      title={title}
      position={`${index + 1} of ${queue.length}`}
      question={question}
      seed={`${seed}:${question.id}`}
      {...(reopened ? { reopened } : {})}
      {...(undo ? { onUndo: undo } : {})}
      onDone={(entry) => {
        setDone((d) => [...d.slice(0, index), entry, ...d.slice(index + 1)]);
        setIndex(index + 1);
      }}
      onBack={() => nav.pop()}
      mode={mode}
      active={active}
      columns={columns}
      rows={rows}
    />
  );
}

type Phase = "answering" | "feedback" | "left";

interface TurnState {
  phase: Phase;
  answer: Answer | undefined;
  recorded: RecordedAnswer | null;
  rating: Rating | null;
  /** The note being written for a doubtful-question flag; null when none is being written. */
  note: string | null;
  flagged: boolean;
}

function QuestionTurn({
  title,
  position,
  question,
  seed,
  onDone,
  onBack,
  onUndo,
  reopened,
  mode,
  active,
  columns,
  rows,
}: {
  title: string;
  position: string;
  question: Question;
  seed: string;
  /** A question already answered, shown again at its feedback (after an undo). */
  reopened?: Done;
  onDone: (done: Done) => void;
  onUndo?: () => void;
  onBack: () => void;
  mode: "study" | "practice";
  active: boolean;
  columns: number;
  rows: number;
}) {
  const { trainer } = useScreen();
  const shown = useMemo(() => presentation(question, seededRandom(seed)), [question, seed]);
  // Live: keys act on the turn as it is now, so a fast second Enter cannot record the answer twice
  // and a digit typed after Enter on the feedback cannot re-rate a question already left.
  const turn = useLiveState<TurnState>(() =>
    reopened
      ? {
          phase: "feedback",
          answer: reopened.answer,
          recorded: reopened.recorded,
          rating: reopened.rating,
          note: null,
          flagged: false,
        }
      : {
          phase: "answering",
          answer: emptyAnswer(question, shown),
          recorded: null,
          rating: null,
          note: null,
          flagged: false,
        },
  );
  const [offset, setOffset] = useState(0);
  const started = useRef(trainer.now());
  const width = Math.max(20, columns - 1);
  const height = bodyHeight(rows);

  const answerKeys = useAnswerKeys({
    question,
    shown,
    answer: () => turn.get().answer,
    onChange: (answer) => turn.set({ ...turn.get(), answer }),
    onSubmit: (final) => {
      if (turn.get().phase !== "answering") return;
      const recorded = trainer.answer(question, final, trainer.now() - started.current, mode);
      turn.set({ ...turn.get(), phase: "feedback", answer: final, recorded, rating: recorded.rating });
      setOffset(0);
    },
  });

  const { answer, recorded, rating } = turn.state;
  const doc = recorded
    ? feedbackDoc(question, shown, answer ?? null, recorded.result, width)
    : questionDoc(question, shown, answer, answerKeys, width);
  const ratingLine = recorded ? (
    <Text key="rating">
      Rated <Text bold>{RATING_NAMES[rating ?? recorded.rating]}</Text>
      {rating !== recorded.rating
        ? ` (you changed it from ${RATING_NAMES[recorded.rating]})`
        : recorded.result.correct
          ? " (right: Good; say Hard or Easy if it was)"
          : " (wrong: Again)"}
    </Text>
  ) : null;
  const { note, flagged } = turn.state;
  const noteLines: Line[] =
    note !== null
      ? [<Text key="note" bold>{`Note for the pack's author (Enter saves, Esc cancels): ${note}▏`}</Text>, ""]
      : flagged
        ? ["⚑ Flagged as doubtful for the pack's author (ccaak-train flags list).", ""]
        : [];
  // The window is worked out on exactly the lines the frame draws, the rating line included.
  const lines: Line[] = ratingLine ? [ratingLine, "", ...noteLines, ...doc.lines] : doc.lines;
  const view = windowStart(
    offset,
    lines.length,
    rows,
    recorded ? undefined : doc.sections.get(`row-${answerKeys.cursor}`),
  );
  if (view !== offset) setOffset(view);

  useInput(
    (input, key) => {
      const now = turn.get();
      if (now.phase === "left") return;
      if (now.note !== null && now.recorded) {
        const note = editLine(now.note, input, key, 500);
        if (note === "save") {
          trainer.flagQuestion(question.id, now.note, now.recorded.reviewId);
          turn.set({ ...now, note: null, flagged: true });
        } else turn.set({ ...now, note: note === "cancel" ? null : note });
        setTypingText(turn.get().note !== null);
        return;
      }
      if (bound("global", "back", input, key)) return onBack();
      if (bound("list", "pageDown", input, key)) return setOffset((o) => o + height - 1);
      if (bound("list", "pageUp", input, key)) return setOffset((o) => Math.max(0, o - height + 1));
      if (now.phase === "answering") {
        if (onUndo && bound("feedback", "undo", input, key)) {
          turn.set({ ...now, phase: "left" });
          return onUndo();
        }
        answerKeys.handle(input, key);
        return;
      }
      const done = now.recorded!;
      if (bound("feedback", "doubt", input, key) && !now.flagged) {
        setTypingText(true);
        return turn.set({ ...now, note: "" });
      }
      const picked = (["again", "hard", "good", "easy"] as const).findIndex((r) =>
        bound("feedback", r, input, key),
      );
      if (picked >= 0) {
        const next = (picked + 1) as Rating;
        if (next !== now.rating) trainer.overrideRating(done.reviewId, next);
        turn.set({ ...now, rating: next });
      } else if (bound("feedback", "next", input, key)) {
        turn.set({ ...now, phase: "left" });
        onDone({ question, recorded: done, rating: now.rating ?? done.rating, answer: now.answer });
      } else if (bound("feedback", "scrollDown", input, key)) setOffset((o) => o + 1);
      else if (bound("feedback", "scrollUp", input, key)) setOffset((o) => Math.max(0, o - 1));
    },
    { isActive: active },
  );

  const intervals = recorded ? trainer.nextIntervals(question.id, recorded.reviewId) : null;
  const hints = intervals
    ? `${([1, 2, 3, 4] as const).map((r) => `${r} ${RATING_NAMES[r]} ${formatInterval(intervals[r])}`).join(" · ")} · Enter next · ! doubt`
    : isComplete(question, answer)
      ? `Enter submit${onUndo ? " · u undo last" : ""} · PgUp/PgDn scroll · ? keys · q back`
      : `answer with the keys above${onUndo ? " · u undo last" : ""} · ? keys · q back`;
  return (
    <Frame
      title={`${title} · ${trainer.domainName(question.domain)} · ${question.difficulty}`}
      status={`${position} `}
      lines={lines}
      offset={view}
      hints={hints}
      columns={columns}
      rows={rows}
    />
  );
}

function Summary({ title, done, onUndo }: { title: string; done: Done[]; onUndo?: () => void }) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  useInput(
    (input, key) => {
      if (onUndo && bound("feedback", "undo", input, key)) onUndo();
      else if (bound("global", "back", input, key) || bound("list", "open", input, key)) nav.pop();
    },
    { isActive: active },
  );
  const right = done.filter((d) => d.recorded.result.correct).length;
  const byDomain = new Map<string, { right: number; total: number }>();
  for (const d of done) {
    const entry = byDomain.get(d.question.domain) ?? { right: 0, total: 0 };
    entry.total++;
    if (d.recorded.result.correct) entry.right++;
    byDomain.set(d.question.domain, entry);
  }
  const lines: Line[] = [
    <Text key="t" bold>
      Session done: {right} of {done.length} right.
    </Text>,
    "",
    ...[...byDomain].map(([domain, s]) => `  ${trainer.domainName(domain).padEnd(30)} ${s.right}/${s.total}`),
    "",
    "Each answer is saved; the questions you missed come back soonest.",
  ];
  return (
    <Frame
      title={title}
      status="done "
      lines={lines}
      offset={0}
      hints={`Enter or q: back home${onUndo ? " · u undo last rating" : ""}`}
      columns={columns}
      rows={rows}
    />
  );
}

export function Message({ title, text }: { title: string; text: string }) {
  const { nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  useInput(
    (input, key) => {
      if (bound("global", "back", input, key) || bound("list", "open", input, key)) nav.pop();
    },
    { isActive: active },
  );
  const lines = wrap(text, columns - 1);
  return (
    <Frame title={title} lines={lines} offset={0} hints="Enter or q: back" columns={columns} rows={rows} />
  );
}
