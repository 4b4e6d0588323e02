import { useCallback, useReducer, useRef } from "react";

/**
 * State that key handlers read as it is now, not as it was at the last render. Keys can arrive faster
 * than the screen redraws (two in one read from the terminal, or one a few milliseconds after a screen
 * change), and ink still calls the handler of the last render: a handler that read rendered state
 * would act twice on the same answer, or on the previous screen. Here every change is applied to a
 * ref at once and then drawn; handlers call `get()`.
 */
export function useLiveReducer<S, A>(
  reducer: (state: S, action: A) => S,
  initial: S | (() => S),
): { state: S; get: () => S; dispatch: (action: A) => void } {
  const ref = useRef<{ value: S } | null>(null);
  if (ref.current === null)
    ref.current = { value: typeof initial === "function" ? (initial as () => S)() : initial };
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const get = useCallback(() => ref.current!.value, []);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(ref.current!.value, action);
      if (next === ref.current!.value) return;
      ref.current!.value = next;
      redraw();
    },
    [reducer],
  );
  return { state: ref.current.value, get, dispatch };
}

const replace = <S>(_: S, next: S): S => next;

/** `useLiveReducer` for a value that is simply replaced. */
export function useLiveState<S>(initial: S | (() => S)): { state: S; get: () => S; set: (next: S) => void } {
  const { state, get, dispatch } = useLiveReducer<S, S>(replace, initial);
  return { state, get, set: dispatch };
}
