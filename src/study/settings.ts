import { isSafeId } from "../ids.js";

/** The learner's settings, stored in the progress database and carried by `progress export`. */
export interface Settings {
  /** FSRS desired retention: the chance of recall at which a question falls due. */
  desiredRetention: number;
  /** New questions introduced per day in study mode. */
  newPerDay: number;
  /** Rate right answers by speed (Easy when fast, Hard when slow); off: right is Good. */
  timeBasedRatings: boolean;
  /** With time-based ratings, a right answer faster than this is rated Easy. */
  easyUnderMs: number;
  /** With time-based ratings, a right answer slower than this is rated Hard. */
  hardOverMs: number;
  /** The pack whose blueprint drives exams and readiness. */
  studyPack: string;
  /** Mock exam overrides; null means "as the blueprint says". */
  examQuestions: number | null;
  examMinutes: number | null;
  passPercent: number | null;
  /** Chance of answering an unseen question right, used by readiness. */
  unseenPrior: number;
  /** Colour on the screens: `auto` follows the terminal; `NO_COLOR` in the environment always wins. */
  colour: "auto" | "always" | "never";
  /** The first-run welcome has been shown and dismissed. */
  welcomeSeen: boolean;
  /** The day of the learner's exam (`YYYY-MM-DD`, local), or null; study then follows a plan to it. */
  examDate: string | null;
  /**
   * With an exam date: every question is first seen at least this many days before it, and those last
   * days are the final stretch, when study also serves what would be forgotten by the exam.
   */
  firstSeenDaysBefore: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  desiredRetention: 0.9,
  newPerDay: 20,
  timeBasedRatings: false,
  easyUnderMs: 15_000,
  hardOverMs: 90_000,
  studyPack: "ccaak-core",
  examQuestions: null,
  examMinutes: null,
  passPercent: null,
  unseenPrior: 0.25,
  colour: "auto",
  welcomeSeen: false,
  examDate: null,
  firstSeenDaysBefore: 7,
});

type Check = (value: unknown) => boolean;
const between =
  (min: number, max: number, integer = false): Check =>
  (v) =>
    typeof v === "number" && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);

const CHECKS: Record<keyof Settings, { check: Check; rule: string }> = {
  desiredRetention: { check: between(0.7, 0.99), rule: "a number from 0.7 to 0.99" },
  newPerDay: { check: between(0, 1000, true), rule: "a whole number from 0 to 1000" },
  timeBasedRatings: { check: (v) => typeof v === "boolean", rule: "true or false" },
  easyUnderMs: { check: between(0, 3_600_000, true), rule: "milliseconds, 0 to 3600000" },
  hardOverMs: { check: between(0, 3_600_000, true), rule: "milliseconds, 0 to 3600000" },
  studyPack: { check: (v) => typeof v === "string" && isSafeId(v), rule: "a pack id" },
  examQuestions: { check: orNull(between(1, 500, true)), rule: "a whole number from 1 to 500, or null" },
  examMinutes: { check: orNull(between(1, 600, true)), rule: "a whole number from 1 to 600, or null" },
  passPercent: { check: orNull(between(0, 100)), rule: "a percentage, or null" },
  unseenPrior: { check: between(0, 1), rule: "a probability from 0 to 1" },
  colour: { check: (v) => v === "auto" || v === "always" || v === "never", rule: "auto, always or never" },
  welcomeSeen: { check: (v) => typeof v === "boolean", rule: "true or false" },
  examDate: { check: orNull(isCalendarDate), rule: "a date written YYYY-MM-DD, or null" },
  firstSeenDaysBefore: { check: between(0, 365, true), rule: "a whole number of days from 0 to 365" },
};

/** A real calendar day written `YYYY-MM-DD` (so `2027-02-30` is refused). */
function isCalendarDate(v: unknown): boolean {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
}

export const SETTING_KEYS = Object.keys(CHECKS) as (keyof Settings)[];

/** What each setting means, for `config list` and the Settings screen. */
export const SETTING_HELP: Record<keyof Settings, string> = {
  desiredRetention: "chance of recall at which a question falls due (FSRS)",
  newPerDay: "new questions introduced per day in study",
  timeBasedRatings: "rate right answers by speed (Easy when fast, Hard when slow)",
  easyUnderMs: "with time-based ratings: a right answer faster than this is Easy",
  hardOverMs: "with time-based ratings: a right answer slower than this is Hard",
  studyPack: "the pack whose blueprint drives exams and readiness",
  examQuestions: "questions in a mock exam (null: the blueprint's)",
  examMinutes: "minutes for a mock exam (null: the blueprint's)",
  passPercent: "pass mark in percent (null: the blueprint's)",
  unseenPrior: "chance of a right answer to an unseen question, for readiness",
  colour: "colour on the screens (NO_COLOR always turns it off)",
  welcomeSeen: "the welcome page has been shown on the first start (false: show it again)",
  examDate: "the day of your exam, YYYY-MM-DD: study follows a plan to it (null: no date)",
  firstSeenDaysBefore: "with an exam date: days before it by which every question is first seen",
};

/** A setting's name on the command line: `newPerDay` is `new-per-day`. */
export function settingName(key: keyof Settings): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function settingKey(name: string): keyof Settings | undefined {
  return SETTING_KEYS.find((k) => settingName(k) === name);
}

/**
 * A setting's value from its command-line text, by the type of its default: numbers, `true`/`false`
 * (or on/off), words; `default` means "unset". Returns the value or the reason it is not one.
 * `today` (`YYYY-MM-DD`) is the learner's date, against which an exam date in the past is refused.
 */
export function parseSettingValue(
  key: keyof Settings,
  text: string,
  today?: string,
): { value: unknown } | { problem: string } {
  const fallback = DEFAULT_SETTINGS[key];
  if (text === "default") return { value: fallback };
  let value: unknown = text;
  if (key === "examDate") {
    value = text === "null" || text === "none" ? null : text.trim();
    if (typeof value === "string" && isCalendarDate(value) && today !== undefined && value < today) {
      return { problem: `exam-date must not be in the past (got "${text}", today is ${today})` };
    }
  } else if (typeof fallback === "boolean") {
    const word = text.toLowerCase();
    value = ["true", "on", "yes"].includes(word)
      ? true
      : ["false", "off", "no"].includes(word)
        ? false
        : text;
  } else if (typeof fallback === "number" || fallback === null) {
    value = text === "null" ? null : text.trim() === "" ? text : Number(text);
  }
  const problem = settingProblem(key, value);
  return problem ? { problem: `${settingName(key)} must be ${CHECKS[key].rule} (got "${text}")` } : { value };
}

export function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(CHECKS, key);
}

/** Why a value is not acceptable for a setting, or null when it is. */
export function settingProblem(key: string, value: unknown): string | null {
  if (!isSettingKey(key)) return `unknown setting "${key}"`;
  const { check, rule } = CHECKS[key];
  return check(value) ? null : `${key} must be ${rule} (got ${JSON.stringify(value)})`;
}

/** Applies stored values over the defaults, skipping unknown keys and bad values. */
export function resolveSettings(stored: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(stored)) {
    if (settingProblem(key, value) === null) out[key] = value;
  }
  const settings = out as unknown as Settings;
  if (settings.hardOverMs < settings.easyUnderMs) settings.hardOverMs = settings.easyUnderMs;
  return settings;
}
