import { describe, expect, it } from "vitest";
import { routeFor } from "../../src/cli/commands/interactive.js";
import { UsageError } from "../../src/cli/command.js";

describe("exam and practice options on the command line", () => {
  it("become the exam's options", () => {
    expect(routeFor("exam", [])).toEqual({ screen: "exam" });
    expect(
      routeFor("exam", [
        "--questions",
        "20",
        "--minutes",
        "30",
        "--domain",
        "security",
        "--domain",
        "connect",
      ]),
    ).toEqual({ screen: "exam", options: { questions: 20, minutes: 30, domains: ["security", "connect"] } });
    expect(routeFor("exam", ["--untimed", "--missed", "--strict-time"])).toEqual({
      screen: "exam",
      options: { untimed: true, missed: true, strictTime: true },
    });
    expect(routeFor("exam", ["--resume"])).toEqual({ screen: "exam", resume: true });
    expect(routeFor("practice", ["--missed", "--exam", "3"])).toEqual({
      screen: "study",
      mode: "practice",
      missed: { examId: 3 },
    });
  });

  it("refuse what makes no sense, as bad usage", () => {
    for (const args of [
      ["--questions", "0"],
      ["--minutes", "2.5"],
      ["--untimed", "--minutes", "30"],
      ["--resume", "--questions", "5"],
      ["--domain", "../x"],
    ]) {
      expect(() => routeFor("exam", args), args.join(" ")).toThrow(UsageError);
    }
    expect(() => routeFor("practice", ["--exam", "3"])).toThrow(UsageError);
  });
});
