/** The lab that runs now, which every action after `lab start` works on. */
import { LabUserError } from "../errors.js";
import { loadState, type LabState } from "../attempt/state.js";

export class NoLabError extends LabUserError {
  constructor() {
    super("no lab is running (start one with `ccaak-train lab start sandbox`)");
  }
}

export function requireRunningLab(home: string): LabState {
  const state = loadState(home);
  if (!state || state.phase === "stopped") throw new NoLabError();
  return state;
}
