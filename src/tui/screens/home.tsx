import { Text, useApp, useInput } from "ink";
import { useMemo, useState } from "react";
import { Bar } from "../bar.js";
import { useScreen, type Route } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { moveCursor, windowAround } from "../list.js";
import { planLine, remainingMs, type ExamSession } from "../../study/index.js";
import { useTerminalSize } from "../terminal-size.js";

interface MenuItem {
  /** The key that opens it from anywhere in the menu. */
  key: string;
  label: string;
  detail: string;
  route?: Route;
}

export function HomeScreen() {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const [cursor, setCursor] = useState(0);
  const stats = useMemo(() => trainer.stats(), [trainer]);
  const plan = useMemo(() => trainer.plan(), [trainer]);
  const format = trainer.examFormat();
  const pass = trainer.passPercent();
  const left = useMemo(() => trainer.runningExam(), [trainer]);

  const menu: MenuItem[] = [
    {
      key: "s",
      label: "Study",
      detail: `${stats.dueNow} due, ${stats.newLeftToday} new left today`,
      route: { screen: "study", mode: "study" },
    },
    { key: "p", label: "Practice", detail: "questions of one domain or tag", route: { screen: "practice" } },
    {
      key: "m",
      label: left ? "Resume exam" : "Mock exam",
      detail: left
        ? `${left.session.answers.filter((a) => a !== null).length} of ${left.session.paper.items.length} answered, ${leftTime(left.session, trainer.now())}`
        : `${format.count} questions, ${format.minutes === null ? "untimed" : `${format.minutes} minutes`}, pass at ${pass}%`,
      route: { screen: "exam" },
    },
    {
      key: "r",
      label: "Review",
      detail: "past exams and the questions you miss most",
      route: { screen: "review" },
    },
    {
      key: "l",
      label: "Lessons",
      detail: "one per exam domain, and disaster recovery in depth",
      route: { screen: "lessons" },
    },
    {
      key: "b",
      label: "Labs",
      detail: "disaster-recovery drills on real Kafka clusters",
      route: { screen: "labs" },
    },
    {
      key: "t",
      label: "Stats",
      detail: "reviews, streak, mastery and readiness",
      route: { screen: "stats" },
    },
    {
      key: "c",
      label: "Settings",
      detail: `${trainer.store.settings().newPerDay} new a day, exams, ratings, colour`,
      route: { screen: "settings" },
    },
    { key: "q", label: "Quit", detail: "" },
  ];

  useInput(
    (input, key) => {
      if (bound("list", "up", input, key)) setCursor((c) => moveCursor(c, -1, menu.length));
      else if (bound("list", "down", input, key)) setCursor((c) => moveCursor(c, 1, menu.length));
      else if (bound("list", "open", input, key)) {
        const item = menu[cursor]!;
        if (item.route) nav.push(item.route);
        else exit();
      } else if (bound("global", "back", input, key)) exit();
      else {
        const route = menu.find((m) => m.key === input)?.route;
        if (route) nav.push(route);
      }
    },
    { isActive: active },
  );

  const nameWidth = Math.min(28, Math.max(...stats.domains.map((d) => d.name.length), 6));
  const lines: Line[] = [
    <Text key="due">
      <Text bold>{stats.dueNow}</Text> due now · <Text bold>{stats.newLeftToday}</Text> new left today ·
      streak <Text bold>{stats.streakDays}</Text> day{stats.streakDays === 1 ? "" : "s"} · {stats.seen}/
      {stats.questions} seen
    </Text>,
    <Text key="pred">
      Predicted exam score <Text bold>{Math.round(stats.predictedScore * 100)}%</Text>
      {` · ${unseenWords(stats.questions - stats.seen, stats.questions, stats.unseenPrior)}`}
    </Text>,
    ...(plan ? [<Text key="plan">{planLine(plan)}</Text>] : []),
    "",
    ...stats.domains.map((d) => (
      <Text key={d.id}>
        {"  "}
        {d.name.slice(0, nameWidth).padEnd(nameWidth)} <Bar share={d.expected} mark={pass / 100} />
        <Text dimColor>{`  ${d.weight}% of exam`}</Text>
      </Text>
    )),
    <Text key="legend" dimColor>
      {`  │ in a bar: the pass mark, ${pass}%`}
      {stats.exams[0] ? ` · last mock exam ${Math.round(stats.exams[0].percent)}%` : ""}
    </Text>,
    "",
  ];
  const menuHeight = Math.max(3, bodyHeight(rows) - lines.length);
  const { start, end } = windowAround(menu.length, cursor, menuHeight);
  menu.slice(start, end).forEach((item, i) => {
    const index = start + i;
    const selected = index === cursor;
    lines.push(
      <Text key={`m${index}`} bold={selected}>
        {selected ? "› " : "  "}
        {item.key} {item.label.padEnd(12)}
        <Text dimColor>{item.detail}</Text>
      </Text>,
    );
  });

  const packs = trainer.catalog.packs;
  const status = `${packs.reduce((n, p) => n + p.questions.length, 0)} questions `;
  return (
    <Frame
      title="ccaak-train"
      status={status}
      lines={lines}
      offset={0}
      hints="↑↓ move · Enter open · a letter opens its item · ? keys · q quit"
      columns={columns}
      rows={rows}
    />
  );
}

/** How much of the predicted score is the prior: "380 of 385 questions unseen count at 25%". */
export function unseenWords(unseen: number, total: number, prior: number): string {
  if (unseen === 0) return "every question seen";
  return `${unseen} of ${total} question${total === 1 ? "" : "s"} unseen count at ${Math.round(prior * 100)}%`;
}

function leftTime(session: ExamSession, now: number): string {
  const remaining = remainingMs(session, now);
  return remaining === Infinity ? "untimed" : `${Math.ceil(remaining / 60_000)} min left`;
}
