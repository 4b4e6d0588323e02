import { defineConfig } from "vitest/config";

// Two projects: fast unit tests run in parallel; tests against real Kafka processes run one file at a
// time (a 2-core machine cannot host two lab topologies at once). `npm test` runs them one after the other.
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
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
