/** The learner's settings, stored in the progress database and carried by `progress export`. */
export interface Settings {
  /** FSRS desired retention: the chance of recall at which a question falls due. */
  desiredRetention: number;
  /** New questions introduced per day in study mode. */
  newPerDay: number;
  /** A right answer faster than this is rated Easy. */
  easyUnderMs: number;
  /** A right answer slower than this is rated Hard. */
  hardOverMs: number;
  /** The pack whose blueprint drives exams and readiness. */
  studyPack: string;
  /** Mock exam overrides; null means "as the blueprint says". */
  examQuestions: number | null;
  examMinutes: number | null;
  passPercent: number | null;
  /** Chance of answering an unseen question right, used by readiness. */
  unseenPrior: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  desiredRetention: 0.9,
  newPerDay: 20,
  easyUnderMs: 15_000,
  hardOverMs: 90_000,
  studyPack: "ccaak-core",
  examQuestions: null,
  examMinutes: null,
  passPercent: null,
  unseenPrior: 0.25,
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
  easyUnderMs: { check: between(0, 3_600_000, true), rule: "milliseconds, 0 to 3600000" },
  hardOverMs: { check: between(0, 3_600_000, true), rule: "milliseconds, 0 to 3600000" },
  studyPack: { check: (v) => typeof v === "string" && /^[a-z0-9-]+$/.test(v), rule: "a pack id" },
  examQuestions: { check: orNull(between(1, 500, true)), rule: "a whole number from 1 to 500, or null" },
  examMinutes: { check: orNull(between(1, 600, true)), rule: "a whole number from 1 to 600, or null" },
  passPercent: { check: orNull(between(0, 100)), rule: "a percentage, or null" },
  unseenPrior: { check: between(0, 1), rule: "a probability from 0 to 1" },
};

export const SETTING_KEYS = Object.keys(CHECKS) as (keyof Settings)[];

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
