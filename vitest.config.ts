import { defineConfig } from "vitest/config";

// Two projects: fast unit tests run in parallel; tests against real Kafka processes run three files at
// a time, each on its own topology and port base (a lab test mostly waits on MirrorMaker 2, faults and
// grades; a quiet lab takes about 40% of a core, so three topologies share two cores). `npm test` runs
// the projects one after the other.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: ["test/lab/**", "node_modules/**"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "lab",
          include: ["test/lab/**/*.test.ts"],
          maxWorkers: 3,
          globalSetup: ["test/lab/global-setup.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
