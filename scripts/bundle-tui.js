// Bundles the study screens with ink and React into one file, dist/tui/bundle.js. Loading ink's
// hundreds of modules one by one takes longer than the rest of start-up together; one file loads in a
// fraction of that. The CLI loads the bundle; tests use the modules as they are.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: [path.join(root, "dist/tui/run.js")],
  outfile: path.join(root, "dist/tui/bundle.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Native or stateful modules stay outside; the trainer reaches the screens as an object.
  external: ["better-sqlite3"],
  // ink loads its developer tools only when asked to; the bundle leaves them out.
  alias: { "react-devtools-core": path.join(root, "scripts/empty-module.js") },
  define: { "process.env.NODE_ENV": '"production"' },
  // Bundled CommonJS code (React) calls require for Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
