import { Text, useInput } from "ink";
import { useScreen } from "../context.js";
import { Frame, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { useTerminalSize } from "../terminal-size.js";

/** The labs: what each teaches and how to start it. Labs run from the command line, beside this screen. */
export function LabsScreen() {
  const { content, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  useInput(
    (input, key) => {
      if (bound("global", "back", input, key) || bound("list", "open", input, key)) nav.pop();
    },
    { isActive: active },
  );
  const lines: Line[] =
    content.labs.length === 0
      ? ["No labs are installed yet."]
      : [
          "Labs run real Kafka clusters on this machine. Start one in another terminal:",
          "",
          ...content.labs.flatMap((lab) => [
            <Text key={lab.id} bold>
              {lab.title}
              {lab.difficulty ? ` · ${lab.difficulty}` : ""}
              {lab.minutes ? ` · about ${lab.minutes} min` : ""}
            </Text>,
            `  ${lab.summary}`,
            <Text key={`${lab.id}-cmd`} color="cyan">{`  ccaak-train lab start ${lab.id}`}</Text>,
            "",
          ]),
          "Past attempts and their scores appear here once labs are graded.",
        ];
  return <Frame title="Labs" lines={lines} offset={0} hints="q back" columns={columns} rows={rows} />;
}
