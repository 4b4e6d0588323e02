import { migration as initial } from "./001-initial.js";
import { migration as labs } from "./002-labs.js";
import { migration as questionFlags } from "./003-question-flags.js";
import { migration as examSittings } from "./004-exam-sittings.js";
import { migration as fsrsParameters } from "./005-fsrs-parameters.js";
import type { Migration } from "./types.js";

export type { Migration } from "./types.js";

/** Every migration, in order. Add a file `NNN-name.ts` and list it here. */
export const MIGRATIONS: readonly Migration[] = [initial, labs, questionFlags, examSittings, fsrsParameters];
