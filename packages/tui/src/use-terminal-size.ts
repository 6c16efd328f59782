import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: stdout.columns ?? 100,
  rows: stdout.rows ?? 30,
});

/**
 * The terminal's size, re-rendering on every resize. Ink redraws its last frame on a resize but
 * does not render React again, so a view sized from `stdout.columns` kept its old layout until
 * something else changed (`:check` went blank after a shrink).
 */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const update = () => setSize(read(stdout));
    stdout.on('resize', update);
    update(); // a resize between the first render and this effect
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return size;
}
