import { Text } from "ink";
import { useEffect, useMemo, useState } from "react";
import type { LabSetup } from "../../lab/runtime/setup.js";
import { useScreen } from "../context.js";
import type { Line } from "../frame.js";
import { ScrollPage } from "../scroll-page.js";
import { useTerminalSize } from "../terminal-size.js";
import { hanging, style, wrap } from "../text.js";

/**
 * The labs: whether this machine can run them (doctor's Java and Kafka checks), what each teaches,
 * the command that starts it in this installation, and the last graded attempts. Labs run from the
 * command line, beside this screen.
 */
export function LabsScreen() {
  const { content, trainer } = useScreen();
  const { columns } = useTerminalSize();
  const width = Math.max(20, columns - 1);
  // The checks start java and mvn: once, after the first frame is drawn.
  const [setup, setSetup] = useState<LabSetup | null>(null);
  useEffect(() => {
    if (!content.labSetup) return;
    const timer = setTimeout(() => setSetup(content.labSetup!()), 0);
    return () => clearTimeout(timer);
  }, [content]);
  const command = setup?.command ?? "ccaak-train";
  const lines = useMemo((): Line[] => {
    if (content.labs.length === 0) return ["No labs are installed yet."];
    return [
      ...setupLines(setup, Boolean(content.labSetup), width),
      ...wrap(
        "Labs run real Kafka clusters on this machine. Start one in another terminal, then grade it:",
        width,
      ),
      "",
      ...content.labs.flatMap((lab): Line[] => {
        const attempts = trainer.store.labAttempts({ lab: lab.id, limit: 3 });
        return [
          <Text key={lab.id} bold>
            {lab.title}
            {lab.difficulty ? ` · ${lab.difficulty}` : ""}
            {lab.minutes ? ` · about ${lab.minutes} min` : ""}
          </Text>,
          ...wrap(lab.summary, width - 2).map((l) => `  ${l}`),
          ...wrap(style.accent(`${command} lab start ${lab.id}`), width - 2).map((l) => `  ${l}`),
          attempts.length === 0
            ? "  No graded attempt yet."
            : `  Last graded: ${attempts
                .map(
                  (a) =>
                    `${new Date(a.gradedAt).toISOString().slice(0, 10)} ${Math.round(a.percent)}% ${a.passed ? "passed" : "not passed"}`,
                )
                .join(" · ")}`,
          "",
        ];
      }),
      ...wrap(`${command} lab grade shows each check; ${command} lab history lists every attempt.`, width),
    ];
  }, [content, trainer, width, setup, command]);
  return <ScrollPage title="Labs" lines={lines} />;
}

/** Doctor's verdict on Java and the Kafka jars, each check on its line. */
function setupLines(setup: LabSetup | null, asked: boolean, width: number): Line[] {
  if (!asked) return [];
  if (!setup) return ["Checking Java and Maven…", ""];
  const mark = { ok: "✓", warn: "!", fail: "✗" } as const;
  return [
    ...wrap(
      style.bold(
        setup.ready
          ? "✓ This machine can run the labs."
          : `✗ Not ready for labs: fix the ✗ below (${setup.command} doctor checks everything).`,
      ),
      width,
    ),
    ...setup.checks.flatMap((c) => hanging(`  ${mark[c.status]} ${c.name}: `, c.detail, width)),
    "",
  ];
}
