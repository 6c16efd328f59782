// useReducer whose latest state is readable synchronously: keys that arrive before React has
// re-rendered (typing fast, pasting) must see the mode the previous key set.
import { type Dispatch, useCallback, useReducer, useRef } from 'react';

export function useStore<S, A>(
  reducer: (state: S, action: A) => S,
  initial: () => S,
): [S, Dispatch<A>, { readonly current: S }] {
  const ref = useRef<S | null>(null);
  if (ref.current === null) ref.current = initial();
  const [, render] = useReducer((n: number) => n + 1, 0);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(ref.current as S, action);
      if (next === ref.current) return;
      ref.current = next;
      render();
    },
    [reducer],
  );
  return [ref.current, dispatch, ref as { readonly current: S }];
}
