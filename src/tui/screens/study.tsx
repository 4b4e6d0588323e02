import { Text, useInput } from "ink";
import { useMemo, useRef, useState } from "react";
import type { Question } from "../../catalog/types.js";
import { useAnswerKeys } from "../answer-input.js";
import { useScreen } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { clampOffset, scrollToShow } from "../lines.js";
import { wrap } from "../text.js";
import { feedbackDoc, questionDoc } from "../question-doc.js";
import { useTerminalSize } from "../terminal-size.js";
import {
  emptyAnswer,
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
}

/** A study or practice session: each question in turn, feedback after each, a summary at the end. */
export function StudyScreen({
  mode,
  domain,
  tag,
}: {
  mode: "study" | "practice";
  domain?: string;
  tag?: string;
}) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const seed = useRef(String(trainer.now())).current;
  const queue = useMemo(
    () =>
      trainer
        .queue({ mode, seed, ...(domain ? { domain } : {}), ...(tag ? { tag } : {}) })
        .map((item) => trainer.questions.get(item.questionId))
        .filter((q): q is Question => q !== undefined),
    [trainer, mode, domain, tag, seed],
  );
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState<Done[]>([]);
  const finished = index >= queue.length;
  const title =
    mode === "study"
      ? "Study"
      : `Practice: ${domain ? trainer.domainName(domain) : ""}${tag ? `#${tag}` : ""}`;

  if (queue.length === 0) {
    return (
      <Message
        title={title}
        text={
          mode === "study"
            ? "Nothing is due and today's new questions are done. Come back later, or practise a domain from the home screen."
            : "No questions match this choice."
        }
      />
    );
  }
  if (finished) return <Summary title={title} done={done} />;
  const question = queue[index]!;
  return (
    <QuestionTurn
      key={question.id}
      title={title}
      position={`${index + 1} of ${queue.length}`}
      question={question}
      seed={`${seed}:${question.id}`}
      onDone={(entry) => {
        setDone((d) => [...d, entry]);
        setIndex((i) => i + 1);
      }}
      onBack={() => nav.pop()}
      mode={mode}
      active={active}
      columns={columns}
      rows={rows}
    />
  );
}

function QuestionTurn({
  title,
  position,
  question,
  seed,
  onDone,
  onBack,
  mode,
  active,
  columns,
  rows,
}: {
  title: string;
  position: string;
  question: Question;
  seed: string;
  onDone: (done: Done) => void;
  onBack: () => void;
  mode: "study" | "practice";
  active: boolean;
  columns: number;
  rows: number;
}) {
  const { trainer } = useScreen();
  const shown = useMemo(() => presentation(question, seededRandom(seed)), [question, seed]);
  const [answer, setAnswer] = useState<Answer | undefined>(() => emptyAnswer(question, shown));
  const [recorded, setRecorded] = useState<RecordedAnswer | null>(null);
  const [rating, setRating] = useState<Rating | null>(null);
  const [offset, setOffset] = useState(0);
  const started = useRef(trainer.now());
  const width = Math.max(20, columns - 1);
  const height = bodyHeight(rows);

  const cursor = useAnswerKeys({
    question,
    shown,
    answer,
    onChange: setAnswer,
    onSubmit: (final) => {
      const result = trainer.answer(question, final, trainer.now() - started.current, mode);
      setRecorded(result);
      setRating(result.rating);
      setOffset(0);
    },
    isActive: active && recorded === null,
  });

  const doc = recorded
    ? feedbackDoc(question, shown, answer ?? null, recorded.result, width)
    : questionDoc(question, shown, answer, cursor, width);
  const view = recorded
    ? clampOffset(offset, height, doc.lines.length)
    : clampOffset(
        scrollToShow(offset, height, doc.sections.get(`row-${cursor.cursor}`)),
        height,
        doc.lines.length,
      );
  if (view !== offset) setOffset(view);

  useInput(
    (input, key) => {
      if (bound("global", "back", input, key)) return onBack();
      if (bound("list", "pageDown", input, key)) return setOffset((o) => o + height - 1);
      if (bound("list", "pageUp", input, key)) return setOffset((o) => Math.max(0, o - height + 1));
      if (!recorded) return;
      const picked = (["again", "hard", "good", "easy"] as const).findIndex((r) =>
        bound("feedback", r, input, key),
      );
      if (picked >= 0) {
        const next = (picked + 1) as Rating;
        setRating(next);
        if (next !== recorded.rating || rating !== next) trainer.overrideRating(recorded.reviewId, next);
      } else if (bound("feedback", "next", input, key)) {
        onDone({ question, recorded, rating: rating ?? recorded.rating });
      } else if (bound("feedback", "scrollDown", input, key)) setOffset((o) => o + 1);
      else if (bound("feedback", "scrollUp", input, key)) setOffset((o) => Math.max(0, o - 1));
    },
    { isActive: active },
  );

  const lines: Line[] = [...doc.lines];
  const ratingLine = recorded ? (
    <Text key="rating">
      Rated <Text bold>{RATING_NAMES[rating ?? recorded.rating]}</Text>
      {rating !== recorded.rating
        ? ` (you changed it from ${RATING_NAMES[recorded.rating]})`
        : " (from your answer and time)"}
    </Text>
  ) : null;
  const hints = recorded
    ? "1 Again · 2 Hard · 3 Good · 4 Easy · Enter next · ↑↓ scroll · q back"
    : isComplete(question, answer)
      ? "Enter submit · PgUp/PgDn scroll · ? keys · q back"
      : "answer with the keys above · PgUp/PgDn scroll · ? keys · q back";
  return (
    <Frame
      title={`${title} · ${trainer.domainName(question.domain)} · ${question.difficulty}`}
      status={`${position} `}
      lines={ratingLine ? [ratingLine, "", ...lines] : lines}
      offset={view}
      hints={hints}
      columns={columns}
      rows={rows}
    />
  );
}

function Summary({ title, done }: { title: string; done: Done[] }) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  useInput(
    (input, key) => {
      if (bound("global", "back", input, key) || bound("list", "open", input, key)) nav.pop();
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
      hints="Enter or q: back home"
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
