import { describe, expect, it } from "vitest";
import { commandPrefix } from "../../src/lab/runtime/setup.js";

describe("the command that runs ccaak-train in this installation", () => {
  const main = "/opt/ccaak-train/dist/bin/main.js";

  it("is ccaak-train when it is on PATH, whatever else holds", () => {
    expect(commandPrefix({ onPath: true, localBin: true, main })).toBe("ccaak-train");
    expect(commandPrefix({ onPath: true, localBin: false, main })).toBe("ccaak-train");
  });

  it("is npx ccaak-train in a folder whose node_modules has it", () => {
    expect(commandPrefix({ onPath: false, localBin: true, main })).toBe("npx ccaak-train");
  });

  it("is node with the bundled entry's absolute path otherwise, quoted when the path has spaces", () => {
    expect(commandPrefix({ onPath: false, localBin: false, main })).toBe(`node ${main}`);
    expect(commandPrefix({ onPath: false, localBin: false, main: "/home/a b/main.js" })).toBe(
      'node "/home/a b/main.js"',
    );
  });
});
