import { moveCursor } from "../../list.js";

/**
 * What the running exam shows, apart from the session itself: the mode (a question, the overview, or
 * the confirmation before submitting), the overview's cursor and the question page's scroll offset.
 * Both survive a change of mode.
 */
export type ExamMode = "question" | "overview" | "confirm" | "paused";

export interface ExamView {
  mode: ExamMode;
  overviewCursor: number;
  offset: number;
}

export type ExamViewAction =
  | { type: "show"; mode: ExamMode }
  /** The overview, with its cursor on a question. */
  | { type: "overviewAt"; index: number }
  | { type: "moveOverview"; by: 1 | -1; count: number }
  | { type: "scrollTo"; offset: number }
  | { type: "scrollBy"; lines: number };

export const initialExamView: ExamView = { mode: "question", overviewCursor: 0, offset: 0 };

export function examViewReducer(state: ExamView, action: ExamViewAction): ExamView {
  switch (action.type) {
    case "show":
      return { ...state, mode: action.mode };
    case "overviewAt":
      return { ...state, mode: "overview", overviewCursor: action.index };
    case "moveOverview":
      return { ...state, overviewCursor: moveCursor(state.overviewCursor, action.by, action.count) };
    case "scrollTo":
      return { ...state, offset: action.offset };
    case "scrollBy":
      return { ...state, offset: Math.max(0, state.offset + action.lines) };
  }
}
