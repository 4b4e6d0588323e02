import type { Key } from "ink";

/**
 * Every key binding of the trainer, in one place: screens ask `bound(action, input, key)` and the
 * help overlay (`?`) lists `KEYMAP` as it is. Keys are written as ink reports them: a character, or a
 * special key name (`up`, `return`, `escape`, `space`, `pageUp`, `tab`).
 */
export const KEYMAP = {
  global: {
    help: { keys: ["?"], label: "show or hide the keys" },
    back: { keys: ["q", "escape"], label: "go back (quit from home)" },
  },
  list: {
    up: { keys: ["up", "k"], label: "move up" },
    down: { keys: ["down", "j"], label: "move down" },
    pageUp: { keys: ["pageUp"], label: "page up" },
    pageDown: { keys: ["pageDown"], label: "page down" },
    open: { keys: ["return"], label: "open" },
  },
  answer: {
    up: { keys: ["up", "k"], label: "move up" },
    down: { keys: ["down", "j"], label: "move down" },
    choose: { keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], label: "pick an option by number" },
    toggle: { keys: ["space"], label: "select or clear (multiple select); pick up or drop (list order)" },
    left: { keys: ["left", "h"], label: "matching: previous right item" },
    right: { keys: ["right", "l"], label: "matching: next right item" },
    submit: { keys: ["return"], label: "submit the answer" },
  },
  feedback: {
    again: { keys: ["1"], label: "rate: again (I did not know it)" },
    hard: { keys: ["2"], label: "rate: hard" },
    good: { keys: ["3"], label: "rate: good" },
    easy: { keys: ["4"], label: "rate: easy" },
    next: { keys: ["return", "space"], label: "keep the rating and go on" },
    undo: { keys: ["u"], label: "undo: back to the last question's rating" },
    doubt: { keys: ["!"], label: "flag the question as doubtful, with a note, for its author" },
    scrollUp: { keys: ["up", "k"], label: "scroll the explanation" },
    scrollDown: { keys: ["down", "j"], label: "scroll the explanation" },
  },
  exam: {
    next: { keys: ["n", "tab"], label: "next question" },
    previous: { keys: ["b"], label: "previous question" },
    flag: { keys: ["f"], label: "flag or unflag the question" },
    nextFlagged: { keys: ["F"], label: "the next flagged question" },
    overview: { keys: ["o"], label: "overview: answered, unanswered, flagged" },
    pause: { keys: ["p"], label: "pause: hide the exam and stop the clock (not with strict time)" },
    submitExam: { keys: ["S"], label: "submit the exam (asks to confirm)" },
  },
  results: {
    filter: { keys: ["f"], label: "show all, wrong, flagged or unanswered questions" },
    practiseMissed: { keys: ["m"], label: "practise exactly the questions missed in this exam" },
  },
} as const;

export type KeyGroup = keyof typeof KEYMAP;
export type Action<G extends KeyGroup> = keyof (typeof KEYMAP)[G];

const SPECIAL: Record<string, (key: Key) => boolean> = {
  up: (k) => k.upArrow,
  down: (k) => k.downArrow,
  left: (k) => k.leftArrow,
  right: (k) => k.rightArrow,
  pageUp: (k) => k.pageUp,
  pageDown: (k) => k.pageDown,
  return: (k) => k.return,
  escape: (k) => k.escape,
  tab: (k) => k.tab && !k.shift,
  space: (_k) => false,
};

/** Whether the key press is bound to the action. */
export function bound<G extends KeyGroup>(group: G, action: Action<G>, input: string, key: Key): boolean {
  const binding = KEYMAP[group][action] as { keys: readonly string[] };
  return binding.keys.some((name) => {
    if (name === "space") return input === " ";
    const special = SPECIAL[name];
    if (special) return special(key);
    return input === name && !key.ctrl && !key.meta;
  });
}

/** The digit pressed, 1-based, or undefined. */
export function digit(input: string): number | undefined {
  return /^[1-9]$/.test(input) ? Number(input) : undefined;
}

/** Lines for the help overlay: the groups a screen uses, each binding with its keys. */
export function helpLines(groups: readonly KeyGroup[]): { group: string; keys: string; label: string }[] {
  return groups.flatMap((group) =>
    Object.values(KEYMAP[group]).map((binding) => ({
      group,
      keys: (binding.keys as readonly string[]).map(keyName).join(" "),
      label: binding.label,
    })),
  );
}

function keyName(name: string): string {
  const names: Record<string, string> = {
    up: "↑",
    down: "↓",
    left: "←",
    right: "→",
    return: "Enter",
    escape: "Esc",
    space: "Space",
    pageUp: "PgUp",
    pageDown: "PgDn",
    tab: "Tab",
  };
  if (names[name]) return names[name];
  return name;
}
