// A view under another stays mounted with its rows (app.tsx); when it is on top again it asks the
// server once more, keeping what it shows until the answer is in: a rename or approval made in the
// detail shows in the list without a reload flash, and the cursor stays where it was.
import { useContext, useEffect, useRef } from 'react';
import { ViewActiveContext } from '../app-context.ts';

export function useRefetchOnReturn(refetch: () => void): void {
  const active = useContext(ViewActiveContext);
  const wasHidden = useRef(false);
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (active && wasHidden.current) latest.current();
    wasHidden.current = !active;
  }, [active]);
}
