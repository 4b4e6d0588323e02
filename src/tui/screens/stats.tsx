import { useMemo } from "react";
import { formatStats } from "../../study/index.js";
import { useScreen } from "../context.js";
import { ScrollPage } from "../scroll-page.js";

/** The same report as `ccaak-train stats`, scrollable. */
export function StatsScreen() {
  const { trainer } = useScreen();
  const lines = useMemo(() => formatStats(trainer.stats(), trainer.statsContext()).split("\n"), [trainer]);
  return <ScrollPage title="Stats" lines={lines} />;
}
