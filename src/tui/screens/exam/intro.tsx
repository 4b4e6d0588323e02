import { Text, useInput } from "ink";
import { useState } from "react";
import type { ExamSession } from "../../../study/index.js";
import { useScreen } from "../../context.js";
import { Frame, type Line } from "../../frame.js";
import { bound } from "../../keymap.js";
import { useTerminalSize } from "../../terminal-size.js";
import { RunningExam } from "./running.js";

/** A timed mock exam: this intro, then the running exam (questions, overview, confirmation). */
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
