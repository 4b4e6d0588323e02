import { parseArgs } from "node:util";
import { asStoreError, openStore, progressDbPath, StoreError, type Store } from "../../store/index.js";
import {
  DEFAULT_SETTINGS,
  parseSettingValue,
  SETTING_HELP,
  SETTING_KEYS,
  settingKey,
  settingName,
  type Settings,
} from "../../study/settings.js";
import { localDateLabel } from "../../study/days.js";
import { EXIT, UsageError, type CommandContext } from "../command.js";

/** `config list|get KEY|set KEY VALUE`: the learner's settings, stored in the progress file. */
export async function run(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false } },
  });
  const [action = "list", name, text, ...extra] = positionals;
  const arity = { list: 0, get: 1, set: 2 }[action];
  if (arity === undefined) throw new UsageError(`unknown action "${action}": use list, get or set`);
  const given = [name, text, ...extra].filter((a) => a !== undefined).length;
  if (given !== arity) {
    throw new UsageError(
      action === "list"
        ? "config list takes no argument"
        : `config ${action} needs ${action === "get" ? "KEY" : "KEY VALUE"}`,
    );
  }
  const key = name === undefined ? undefined : requireKey(name);

  const dbFile = progressDbPath(ctx.home);
  try {
    const store = openStore(dbFile);
    try {
      if (action === "set") return set(ctx, store, key!, text!, values.json);
      const settings = store.settings();
      const rows = (key ? [key] : SETTING_KEYS).map((k) => describe(k, settings));
      if (values.json) ctx.out(JSON.stringify(key ? rows[0] : { settings: rows }, null, 2));
      else if (key) ctx.out(String(rows[0]!.value));
      else for (const row of rows) ctx.out(formatRow(row));
      return EXIT.ok;
    } finally {
      store.close();
    }
  } catch (error) {
    const failure = error instanceof StoreError ? error : asStoreError(error, dbFile);
    if (!failure) throw error;
    ctx.err(`ccaak-train config: ${failure.message}`);
    return EXIT.failed;
  }
}

function set(ctx: CommandContext, store: Store, key: keyof Settings, text: string, json: boolean): number {
  const parsed = parseSettingValue(key, text, localDateLabel(Date.now()));
  if ("problem" in parsed) throw new UsageError(parsed.problem);
  const settings = store.updateSettings({ [key]: parsed.value });
  const row = describe(key, settings);
  if (json) ctx.out(JSON.stringify(row, null, 2));
  else ctx.out(`${row.name} = ${String(row.value)}`);
  return EXIT.ok;
}

function requireKey(name: string): keyof Settings {
  const key = settingKey(name);
  if (!key)
    throw new UsageError(`unknown setting "${name}"; settings: ${SETTING_KEYS.map(settingName).join(", ")}`);
  return key;
}

function describe(key: keyof Settings, settings: Settings) {
  return {
    name: settingName(key),
    value: settings[key],
    default: DEFAULT_SETTINGS[key],
    about: SETTING_HELP[key],
  };
}

function formatRow(row: ReturnType<typeof describe>): string {
  const changed = row.value === row.default ? "" : ` (default ${String(row.default)})`;
  return `${row.name.padEnd(20)} ${String(row.value)}${changed}\n${"".padEnd(21)}${row.about}`;
}
