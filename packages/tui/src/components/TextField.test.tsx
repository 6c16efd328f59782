import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { TextField } from './TextField.tsx';

/** Renders a field, writes each chunk as one terminal read, and answers what it submitted. */
async function submitted(defaultValue: string, ...chunks: string[]): Promise<string | undefined> {
  let value: string | undefined;
  const field = render(<TextField defaultValue={defaultValue} onSubmit={(v) => (value = v)} />);
  // The field's input subscribes in an effect, after its first frame.
  await new Promise((resolve) => setImmediate(resolve));
  for (const chunk of chunks) field.stdin.write(chunk);
  field.unmount();
  return value;
}

describe('TextField', () => {
  it('clears on ctrl-u arriving in one burst with the text (tmux send-keys, paste)', async () => {
    expect(await submitted('globex-4', '\u0015renamed-fast\r')).toBe('renamed-fast');
    expect(await submitted('globex-4', '\u0015renamed-fast', '\r')).toBe('renamed-fast');
  });

  it('deletes a word on ctrl-w and never stores a control byte', async () => {
    expect(await submitted('acme prod', '\u0017', 'dev\u0001\u001B[A\u0007', '\r')).toBe('acme dev');
  });
});
