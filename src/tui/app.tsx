import { Box, useApp, useInput } from "ink";
import { useMemo, useReducer, useState } from "react";
import type { Trainer } from "../trainer.js";
import { interrupt } from "./exit.js";
import { isTypingText } from "./text-input.js";
import { ScreenCtx, type ContentIndex, type Navigation, type Route } from "./context.js";
import { HelpScreen, WELCOME_KEY } from "./screens/help.js";
import { WelcomeScreen } from "./screens/welcome.js";
import { HomeScreen } from "./screens/home.js";
import { StudyScreen } from "./screens/study.js";
import { ExamScreen } from "./screens/exam/intro.js";
import { ResultsScreen } from "./screens/exam/results.js";
import { PracticeScreen } from "./screens/practice.js";
import { ReviewScreen } from "./screens/review.js";
import { StatsScreen } from "./screens/stats.js";
import { LessonsScreen } from "./screens/lessons.js";
import { LabsScreen } from "./screens/labs.js";
import { SettingsScreen } from "./screens/settings.js";

type NavAction = { type: "push"; route: Route } | { type: "pop" } | { type: "replace"; route: Route };

function navReducer(stack: Route[], action: NavAction): Route[] {
  switch (action.type) {
    case "push":
      return [...stack, action.route];
    case "pop":
      return stack.slice(0, -1);
    case "replace":
      return [...stack.slice(0, -1), action.route];
  }
}

/** The study app: a stack of screens, the help overlay on `?`, and the trainer for every screen. */
export function App({ trainer, content, start }: { trainer: Trainer; content: ContentIndex; start: Route }) {
  const { exit } = useApp();
  const [stack, dispatch] = useReducer(
    navReducer,
    start.screen === "home" ? [start] : [{ screen: "home" }, start],
  );
  // The help overlay on `?`, or the welcome page: on the first start, and from the home screen's help.
  const [overlay, setOverlay] = useState<"help" | "welcome" | null>(() =>
    trainer.store.settings().welcomeSeen ? null : "welcome",
  );
  const help = overlay !== null;
  const closeWelcome = () => {
    if (!trainer.store.settings().welcomeSeen) trainer.store.updateSettings({ welcomeSeen: true });
    setOverlay(null);
  };
  const nav: Navigation = useMemo(
    () => ({
      push: (route) => dispatch({ type: "push", route }),
      pop: () => dispatch({ type: "pop" }),
      replace: (route) => dispatch({ type: "replace", route }),
      quit: () => exit(),
    }),
    [exit],
  );
  if (stack.length === 0) exit();
  const route = stack[stack.length - 1] ?? { screen: "home" };

  useInput((input, key) => {
    if (key.ctrl && input === "c") {
      interrupt("SIGINT");
      exit();
      return;
    }
    if (overlay === "welcome") return;
    if (input === "?" && !isTypingText()) setOverlay((o) => (o ? null : "help"));
    else if (overlay === "help" && (key.escape || input === "q")) setOverlay(null);
    else if (overlay === "help" && route.screen === "home" && input === WELCOME_KEY) setOverlay("welcome");
  });

  return (
    <ScreenCtx.Provider value={{ trainer, nav, active: !help, content }}>
      <Box display={help ? "none" : "flex"} flexDirection="column">
        <Screen key={stack.length + route.screen} route={route} />
      </Box>
      {overlay === "help" ? <HelpScreen route={route} /> : null}
      {overlay === "welcome" ? <WelcomeScreen trainer={trainer} onClose={closeWelcome} /> : null}
    </ScreenCtx.Provider>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case "home":
      return <HomeScreen />;
    case "study":
      return (
        <StudyScreen
          mode={route.mode}
          {...(route.domain ? { domain: route.domain } : {})}
          {...(route.tag ? { tag: route.tag } : {})}
          {...(route.missed ? { missed: route.missed } : {})}
        />
      );
    case "practice":
      return <PracticeScreen />;
    case "exam":
      return (
        <ExamScreen {...(route.options ? { options: route.options } : {})} resume={route.resume === true} />
      );
    case "results":
      return <ResultsScreen examId={route.examId} />;
    case "review":
      return <ReviewScreen />;
    case "stats":
      return <StatsScreen />;
    case "lessons":
      return <LessonsScreen {...(route.lesson ? { lesson: route.lesson } : {})} />;
    case "labs":
      return <LabsScreen />;
    case "settings":
      return <SettingsScreen />;
  }
}
