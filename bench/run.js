// Runs every bench/*.bench.js against the built CLI (npm run bench builds first) and prints its figures.
// Each module exports `run()` returning [{ name, value, unit, target }]; target is the upper bound to meet.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let missed = 0;
for (const file of files) {
  console.log(`\n${file}`);
  const { run } = await import(pathToFileURL(path.join(here, file)).href);
  for (const figure of await run()) {
    const ok = figure.target === undefined || figure.target === null || figure.value <= figure.target;
    if (!ok) missed++;
    const target =
      figure.target === undefined || figure.target === null
        ? ""
        : `  (target < ${figure.target} ${figure.unit})`;
    console.log(`  ${ok ? "ok  " : "MISS"} ${figure.name}: ${figure.value} ${figure.unit}${target}`);
  }
}
if (missed > 0) {
  console.log(`\n${missed} figure(s) missed their target`);
  process.exitCode = 1;
}
