import { Text, useInput } from "ink";
import { useState } from "react";
import {
  DEFAULT_SETTINGS,
  parseSettingValue,
  SETTING_HELP,
  SETTING_KEYS,
  settingName,
  type Settings,
} from "../../study/settings.js";
import { localDateLabel } from "../../study/days.js";
import { useScreen } from "../context.js";
import { Frame, bodyHeight, type Line } from "../frame.js";
import { bound } from "../keymap.js";
import { useLiveState } from "../live-state.js";
import { moveCursor, windowAround } from "../list.js";
import { useTerminalSize } from "../terminal-size.js";
import { editLine, setTypingText } from "../text-input.js";

/** The settings a learner may change, the same ones as `ccaak-train config`, checked the same way. */
const EDITABLE = SETTING_KEYS.filter((k) => k !== "studyPack");

interface SettingsState {
  cursor: number;
  /** The value being typed for the setting under the cursor; null when none is. */
  typing: string | null;
  message: string;
}

export function SettingsScreen() {
  const { trainer, nav, active } = useScreen();
  const { columns, rows } = useTerminalSize();
  const [settings, setSettings] = useState<Settings>(() => trainer.store.settings());
  const live = useLiveState<SettingsState>({ cursor: 0, typing: null, message: "" });

  const save = (key: keyof Settings, text: string): string => {
    const parsed = parseSettingValue(key, text, localDateLabel(trainer.now()));
    if ("problem" in parsed) return parsed.problem;
    setSettings(trainer.store.updateSettings({ [key]: parsed.value }));
    return `${settingName(key)} is now ${String(parsed.value)}.`;
  };

  useInput(
    (input, key) => {
      const state = live.get();
      const setting = EDITABLE[state.cursor]!;
      if (state.typing !== null) {
        const typed = editLine(state.typing, input, key, 40);
        if (typed === "cancel") live.set({ ...state, typing: null, message: "" });
        else if (typed === "save") live.set({ ...state, typing: null, message: save(setting, state.typing) });
        else live.set({ ...state, typing: typed });
        setTypingText(live.get().typing !== null);
        return;
      }
      if (bound("global", "back", input, key)) nav.pop();
      else if (bound("list", "up", input, key))
        live.set({ ...state, cursor: moveCursor(state.cursor, -1, EDITABLE.length), message: "" });
      else if (bound("list", "down", input, key))
        live.set({ ...state, cursor: moveCursor(state.cursor, 1, EDITABLE.length), message: "" });
      else if (bound("list", "open", input, key)) {
        const current = settings[setting];
        // A yes/no or a choice flips or steps on; anything else is typed.
        if (typeof current === "boolean") live.set({ ...state, message: save(setting, String(!current)) });
        else if (setting === "colour") {
          const order = ["auto", "always", "never"] as const;
          live.set({ ...state, message: save(setting, order[(order.indexOf(settings.colour) + 1) % 3]!) });
        } else {
          setTypingText(true);
          live.set({ ...state, typing: "", message: "" });
        }
      } else if (input === "d") live.set({ ...state, message: save(setting, "default") });
    },
    { isActive: active },
  );

  const { cursor, typing, message } = live.state;
  const head: Line[] = [
    "Stored in your progress file; `ccaak-train config` changes the same settings.",
    message ? (
      <Text key="msg" bold>
        {message}
      </Text>
    ) : (
      ""
    ),
  ];
  const height = Math.max(3, Math.floor((bodyHeight(rows) - head.length) / 2));
  const { start, end } = windowAround(EDITABLE.length, cursor, height);
  const lines: Line[] = [...head];
  EDITABLE.slice(start, end).forEach((key, i) => {
    const selected = start + i === cursor;
    const value = selected && typing !== null ? `${typing}▏` : String(settings[key]);
    const changed =
      settings[key] === DEFAULT_SETTINGS[key] ? "" : ` (default ${String(DEFAULT_SETTINGS[key])})`;
    lines.push(
      <Text key={key} bold={selected}>
        {selected ? "› " : "  "}
        {settingName(key).padEnd(20)} {value}
        <Text dimColor>{changed}</Text>
      </Text>,
      <Text key={`${key}-help`} dimColor wrap="truncate-end">
        {"    "}
        {SETTING_HELP[key]}
      </Text>,
    );
  });
  return (
    <Frame
      title="Settings"
      lines={lines}
      offset={0}
      hints={
        typing !== null
          ? "type the value · Enter save · Esc cancel"
          : "↑↓ move · Enter change · d default · q back"
      }
      columns={columns}
      rows={rows}
    />
  );
}
