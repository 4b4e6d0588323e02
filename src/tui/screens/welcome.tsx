import { useInput } from "ink";
import { useState } from "react";
import type { Trainer } from "../../trainer.js";
import { Frame, bodyHeight, windowStart } from "../frame.js";
import { bound } from "../keymap.js";
import { useTerminalSize } from "../terminal-size.js";
import { style, wrap } from "../text.js";

/**
 * The page shown on the first start (and from the home screen's `?`, key w): what the parts of the
 * trainer are, how the predicted score is worked out, what the bars and "mastered" mean, the keys.
 */
export function WelcomeScreen({ trainer, onClose }: { trainer: Trainer; onClose: () => void }) {
  const { columns, rows } = useTerminalSize();
  const [offset, setOffset] = useState(0);
  const lines = welcomeLines(trainer, Math.max(20, columns - 1));
  const scroll = (by: number) => setOffset((o) => windowStart(o + by, lines.length, rows));
  useInput((input, key) => {
    if (bound("list", "down", input, key)) scroll(1);
    else if (bound("list", "up", input, key)) scroll(-1);
    else if (bound("list", "pageDown", input, key)) scroll(bodyHeight(rows) - 1);
    else if (bound("list", "pageUp", input, key)) scroll(-(bodyHeight(rows) - 1));
    else if (bound("list", "open", input, key) || bound("global", "back", input, key) || input === " ")
      onClose();
  });
  return (
    <Frame
      title="Welcome to ccaak-train"
      lines={lines}
      offset={offset}
      hints="Enter start · ↑↓ scroll · later: ? then w on the home screen"
      columns={columns}
      rows={rows}
    />
  );
}

export function welcomeLines(trainer: Trainer, width: number): string[] {
  const settings = trainer.store.settings();
  const format = trainer.examFormat();
  const pass = trainer.passPercent();
  const prior = Math.round(settings.unseenPrior * 100);
  const retention = Math.round(settings.desiredRetention * 100);
  const time = format.minutes === null ? "untimed" : `in ${format.minutes} minutes`;
  const paragraphs = [
    style.bold("Practice for the Confluent Certified Administrator for Apache Kafka exam."),
    "",
    `${style.bold("Study")} (s): the questions due today and up to ${settings.newPerDay} new ones a day. After each answer you see why; your rating schedules the question again (spaced repetition, FSRS).`,
    `${style.bold("Mock exam")} (m): ${format.count} questions ${time}, drawn by the exam's domain weights and scored at the end; pass at ${pass}%.`,
    `${style.bold("Labs")} (b): disaster-recovery drills on real Kafka clusters on this machine, graded by checks.`,
    "",
    `${style.bold("Predicted score")}: your chance of a right answer now, averaged per domain and weighted as in the exam. A question you have answered counts at the chance FSRS gives that you still recall it; an unseen question counts at ${prior}% (the setting unseen-prior), so the score starts near ${prior}%.`,
    `The bars on the home screen are the domains; the │ in a bar is the pass mark (${pass}%). ${style.bold("Mastered")} (stats) means past learning and still recalled at ${retention}% or more (your desired retention).`,
    "",
    `${style.bold("Keys")}: ↑↓ move · Enter open · a letter opens its item · ? the keys of any screen · q back, or quit from home.`,
  ];
  return paragraphs.flatMap((p) => (p === "" ? [""] : wrap(p, width)));
}
