import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { MultiPicker, Picker } from './Picker.tsx';

const options = ['alpha', 'beta', 'gamma'].map((v) => ({ label: v.toUpperCase(), value: v }));
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Picker', () => {
  it('moves with j/k as with the arrows, and enter picks', async () => {
    let picked: string | undefined;
    const picker = render(<Picker options={options} onChange={(v) => (picked = v)} />);
    await settle();
    picker.stdin.write('j');
    await settle();
    picker.stdin.write('jk');
    await settle();
    picker.stdin.write('\u001B[B');
    await settle();
    picker.stdin.write('\r');
    expect(picked).toBe('gamma');
    picker.unmount();
  });
});

describe('MultiPicker', () => {
  it('moves with j/k, toggles with space and submits on enter', async () => {
    let picked: string[] | undefined;
    const picker = render(
      <MultiPicker options={options} defaultValue={['alpha']} onSubmit={(v) => (picked = v)} />,
    );
    await settle();
    picker.stdin.write('j');
    await settle();
    picker.stdin.write(' ');
    await settle();
    picker.stdin.write('k');
    await settle();
    picker.stdin.write(' ');
    await settle();
    picker.stdin.write('\r');
    expect(picked).toEqual(['beta']);
    picker.unmount();
  });
});
