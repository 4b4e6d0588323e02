import { Text, useInput } from "ink";
import { useState } from "react";
import { remainingMs, timeLimitMs, type ExamSession } from "../../../study/index.js";
import type { ExamOptions } from "../../../trainer.js";
import { useScreen } from "../../context.js";
import { Frame, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { useTerminalSize } from "../../terminal-size.js";
import { wrap } from "../../text.js";
import { formatClock } from "./clock.js";
import { RunningExam } from "./running.js";

/**
 * A mock exam: the intro (the paper's format and options, or the exam left running by an earlier
 * session, to resume or discard), then the running exam.
 */
export function ExamScreen({
  tickMs = 1000,
  options = {},
  resume = false,
}: {
  tickMs?: number;
  options?: ExamOptions;
  /** Straight into the exam left running, if there is one. */
  resume?: boolean;
}) {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [left, setLeft] = useState(() => trainer.runningExam());
  const [exam, setExam] = useState<{ examId: number; session: ExamSession } | null>(() =>
    resume ? left : null,
  );
  const [discarding, setDiscarding] = useState(false);

  useInput(
    (input, key) => {
      if (left && discarding) {
        if (input === "y") {
          trainer.discardExam(left.examId);
          setLeft(null);
        }
        setDiscarding(false);
      } else if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "open", input, key)) setExam(left ?? trainer.newExam(options));
      else if (left && input === "d") setDiscarding(true);
    },
    { isActive: active && exam === null },
  );

  if (exam) return <RunningExam examId={exam.examId} initial={exam.session} tickMs={tickMs} />;
  const width = Math.max(20, columns - 1);
  const lines = left
    ? resumeLines(left.session, trainer.now(), discarding, width)
    : introLines(trainer, options, width);
  return (
    <Frame
      title="Mock exam"
      lines={lines}
      offset={0}
      hints={left ? "Enter resume · d discard · q back" : "Enter start · q back"}
      columns={columns}
      rows={rows}
    />
  );
}

function introLines(
  trainer: ReturnType<typeof useScreen>["trainer"],
  options: ExamOptions,
  width: number,
): Line[] {
  const format = trainer.examFormat(options);
  const domains = new Set(
    options.domains?.length ? options.domains : trainer.blueprint.domains.map((d) => d.id),
  );
  const pool = options.missed ? new Set(trainer.missedQuestions()) : undefined;
  const available = trainer.allQuestions.filter(
    (q) => domains.has(q.domain) && (!pool || pool.has(q.id)),
  ).length;
  const count = Math.min(format.count, available);
  const time = format.minutes === null ? "untimed" : `in ${format.minutes} minutes`;
  const scope = [
    options.domains?.length ? `domains: ${options.domains.map((d) => trainer.domainName(d)).join(", ")}` : "",
    options.missed ? "only questions you missed last time" : "",
  ].filter(Boolean);
  return [
    <Text key="a" bold>
      Mock exam: {count} questions {time}, pass mark {format.passPercent}%.
    </Text>,
    ...(scope.length > 0 ? wrap(scope.join(" · "), width) : []),
    ...(count < format.count ? [`(${format.count} asked for; the bank has ${available} that fit.)`] : []),
    "",
    ...wrap(
      [
        "Questions are drawn per the exam's domain weights. You can change answers, flag questions and move back and forth until you submit; at zero the exam submits itself.",
        "Multiple select, matching and list order count only when wholly right.",
        options.strictTime
          ? "Strict time: the clock runs from the start, even while this program is closed; no pause."
          : "p pauses. If you leave or the program closes, the exam is kept with its clock stopped.",
      ].join(" "),
      width,
    ),
    "",
    "Press Enter to start, q to go back.",
  ];
}

function resumeLines(session: ExamSession, now: number, discarding: boolean, width: number): Line[] {
  const answered = session.answers.filter((a) => a !== null).length;
  const limit = timeLimitMs(session.paper);
  const left = limit === null ? "untimed" : `${formatClock(remainingMs(session, now))} left`;
  return [
    <Text key="a" bold>
      You have a mock exam in progress: {answered} of {session.paper.items.length} answered, {left}.
    </Text>,
    session.strictTime ? "It keeps strict time: its clock ran while the program was closed." : "",
    "",
    ...wrap(
      discarding
        ? "Discard it? Its answers still count for your schedule, but it gets no score. y discard · any key keeps it"
        : "Press Enter to resume it, d to discard it, q to go back.",
      width,
    ),
  ];
}
