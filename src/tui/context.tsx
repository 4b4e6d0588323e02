import { createContext, useContext } from "react";
import type { Lesson } from "../catalog/lesson.js";
import type { LabSetup } from "../lab/runtime/setup.js";
import type { ExamOptions, Trainer } from "../trainer.js";

export type Route =
  | { screen: "home" }
  | {
      screen: "study";
      mode: "study" | "practice";
      domain?: string;
      tag?: string;
      /** Practise exactly the questions missed (in mock exam `examId`, or last time). */
      missed?: { examId?: number };
    }
  | { screen: "practice" }
  | { screen: "exam"; options?: ExamOptions; resume?: boolean }
  | { screen: "results"; examId: number }
  | { screen: "review" }
  | { screen: "lessons"; lesson?: string }
  | { screen: "labs" }
  | { screen: "stats" }
  | { screen: "settings" };

export interface Navigation {
  push(route: Route): void;
  /** Back one screen; quits from the first one. */
  pop(): void;
  replace(route: Route): void;
  quit(): void;
}

/** What every screen may reach: the trainer (packs and progress), navigation, and whether it has the keyboard. */
export interface ScreenContext {
  trainer: Trainer;
  nav: Navigation;
  /** False while the help overlay is open: screens then ignore keys. */
  active: boolean;
  /** Lessons and labs, as far as the installed content provides them. */
  content: ContentIndex;
}

export interface LabEntry {
  id: string;
  title: string;
  summary: string;
  difficulty?: string;
  minutes?: number;
}

export interface ContentIndex {
  readonly lessons: Lesson[];
  readonly labs: LabEntry[];
  /** Whether this machine can run a lab, and the command to type; slow (it runs java), so asked once. */
  labSetup?: () => LabSetup;
}

export const ScreenCtx = createContext<ScreenContext | null>(null);

export function useScreen(): ScreenContext {
  const ctx = useContext(ScreenCtx);
  if (!ctx) throw new Error("useScreen outside the trainer app");
  return ctx;
}
