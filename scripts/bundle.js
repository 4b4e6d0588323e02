// Bundles the command line into dist/bin: one file per command and shared chunks, instead of the
// hundreds of small modules tsc leaves in dist/ (ink alone has more than a hundred). Loading them one
// by one took longer than everything else a command does; the bundle starts in a fraction of that.
// Tests of modules import the sources; CLI tests and benchmarks run the bundle, as users do. The lab's
// tool wrappers run the command recorder after every Kafka tool, so it is bundled too.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: {
    main: path.join(root, "dist/cli/main.js"),
    "record-command": path.join(root, "dist/lab/record-command.js"),
  },
  outdir: path.join(root, "dist/bin"),
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // A native module, and the Kafka client's WebAssembly helpers (they read their .wasm file beside
  // them). The rest of the Kafka client is bundled: loading its modules one by one took 0.6 s of
  // every lab command.
  external: ["better-sqlite3", "@platformatic/wasm-utils"],
  // ink loads its developer tools only when asked to; the bundle leaves them out.
  alias: { "react-devtools-core": path.join(root, "scripts/empty-module.js") },
  define: { "process.env.NODE_ENV": '"production"' },
  // Bundled CommonJS code (React) calls require for Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
