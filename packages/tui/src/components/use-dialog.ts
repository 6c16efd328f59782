// The state of a view's dialog: what it is open for (null when closed), with the open and close
// that also tell the root input, so the dialog's own inputs have the keyboard while it is open.
import { useCallback, useState } from 'react';
import { useApp } from '../app-context.ts';

export function useDialog<T>(): { readonly value: T | null; open(value: T): void; close(): void } {
  const { dispatch } = useApp();
  const [value, setValue] = useState<T | null>(null);
  const open = useCallback(
    (next: T) => {
      setValue(() => next);
      dispatch({ type: 'dialog/open' });
    },
    [dispatch],
  );
  const close = useCallback(() => {
    setValue(null);
    dispatch({ type: 'dialog/close' });
  }, [dispatch]);
  return { value, open, close };
}
