/**
 * A mistake or a state the learner can act on (no lab running, a port taken, a bad file): the command
 * line prints its message alone, without a stack.
 */
export class LabUserError extends Error {}
