// useReducer whose state is current the moment an action is dispatched. Keys typed quickly arrive
// as several events handled by one render's handlers; with plain useReducer the second key would
// see the state from before the first ("tab" then "↓" would act on the old focus).
import { useCallback, useReducer, useRef } from 'react';

export const useImmediateReducer = <S, A>(
  reducer: (state: S, action: A) => S,
  init: () => S,
): [state: S, dispatch: (action: A) => void, current: () => S] => {
  const box = useRef<{ state: S } | undefined>(undefined);
  box.current ??= { state: init() };
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const dispatch = useCallback(
    (action: A) => {
      const held = box.current as { state: S };
      const next = reducer(held.state, action);
      if (Object.is(next, held.state)) return;
      held.state = next;
      rerender();
    },
    [reducer],
  );
  const current = useCallback(() => (box.current as { state: S }).state, []);
  return [box.current.state, dispatch, current];
};
