import { describe, expect, it } from "vitest";
import { examViewReducer, initialExamView } from "../../src/tui/screens/exam/mode.js";
import { resultsReducer } from "../../src/tui/screens/exam/results.js";

describe("the running exam's view state", () => {
  it("keeps the overview's cursor and the scroll across modes", () => {
    let view = examViewReducer(initialExamView, { type: "scrollBy", lines: 12 });
    view = examViewReducer(view, { type: "overviewAt", index: 3 });
    view = examViewReducer(view, { type: "moveOverview", by: 1, count: 5 });
    view = examViewReducer(view, { type: "moveOverview", by: 1, count: 5 });
    expect(view).toEqual({ mode: "overview", overviewCursor: 4, offset: 12 });
    view = examViewReducer(view, { type: "show", mode: "question" });
    view = examViewReducer(view, { type: "show", mode: "overview" });
    expect(view).toEqual({ mode: "overview", overviewCursor: 4, offset: 12 });
  });

  it("never scrolls above the top", () => {
    const view = examViewReducer({ ...initialExamView, offset: 5 }, { type: "scrollBy", lines: -20 });
    expect(view.offset).toBe(0);
  });
});

describe("the results screen's view state", () => {
  it("walks from the list's cursor, stays within the paper and comes back to the list", () => {
    let view = resultsReducer(
      { filter: "all", cursor: 0, walk: null, offset: 0 },
      { type: "move", by: 1, count: 3 },
    );
    view = resultsReducer(view, { type: "walk" });
    expect(view).toEqual({ filter: "all", cursor: 1, walk: 1, offset: 0 });
    view = resultsReducer(view, { type: "scrollBy", lines: 4 });
    view = resultsReducer(view, { type: "step", by: 1, count: 3 });
    expect(view).toEqual({ filter: "all", cursor: 1, walk: 2, offset: 0 });
    view = resultsReducer(view, { type: "step", by: 1, count: 3 });
    expect(view.walk).toBe(2);
    view = resultsReducer(view, { type: "list" });
    expect(view).toEqual({ filter: "all", cursor: 1, walk: null, offset: 0 });
  });
});
