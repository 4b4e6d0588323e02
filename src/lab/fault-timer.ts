/**
 * A lab's fault timer, started detached when the lab is ready: fires the lab's fault steps on schedule
 * (`node fault-timer.js CCAAK_HOME`), each recorded on the timeline like a learner's `lab fault`.
 */
import { loadState } from "./attempt/state.js";
import { runFaultSteps } from "./control/faults.js";

const home = process.argv[2];
const state = home ? loadState(home) : null;
const steps = state?.spec.faults?.trigger === "ready" ? state.spec.faults.steps : [];
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} fault: ${line}\n`);
runFaultSteps(home ?? "", steps, log).catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
