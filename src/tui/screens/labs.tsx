import { Text } from "ink";
import { useMemo } from "react";
import { useScreen } from "../context.js";
import type { Line } from "../frame.js";
import { ScrollPage } from "../scroll-page.js";
import { useTerminalSize } from "../terminal-size.js";
import { wrap } from "../text.js";

/**
 * The labs: what each teaches, how to start it, and the last graded attempts. Labs run from the
 * command line, beside this screen.
 */
export function LabsScreen() {
  const { content, trainer } = useScreen();
  const { columns } = useTerminalSize();
  const width = Math.max(20, columns - 1);
  const lines = useMemo((): Line[] => {
    if (content.labs.length === 0) return ["No labs are installed yet."];
    return [
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
          <Text key={`${lab.id}-cmd`} color="cyan">{`  ccaak-train lab start ${lab.id}`}</Text>,
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
      "ccaak-train lab grade shows each check; ccaak-train lab history lists every attempt.",
    ];
  }, [content, trainer, width]);
  return <ScrollPage title="Labs" lines={lines} />;
}
