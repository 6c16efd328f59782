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

describe('the `/` filter', () => {
  it('narrows the list as letters are typed (j and k included); enter ends the typing', async () => {
    let picked: string | undefined;
    const picker = render(<Picker options={options} onChange={(v) => (picked = v)} />);
    await settle();
    picker.stdin.write('/');
    await settle();
    picker.stdin.write('ak'); // no match: the list is empty
    await settle();
    expect(picker.lastFrame()).toContain('(0 matches)');
    picker.stdin.write('\u007F'); // backspace
    await settle();
    picker.stdin.write('\r'); // /a: ALPHA, BETA, GAMMA all hold an a
    await settle();
    picker.stdin.write('j');
    await settle();
    picker.stdin.write('\r');
    expect(picked).toBe('beta');
    picker.unmount();
  });

  it('keeps a choice the filter hides, and one the options do not hold', async () => {
    let picked: string[] | undefined;
    const picker = render(
      <MultiPicker options={options} defaultValue={['alpha', 'elsewhere']} onSubmit={(v) => (picked = v)} />,
    );
    await settle();
    picker.stdin.write('/');
    await settle();
    picker.stdin.write('gam');
    await settle();
    picker.stdin.write('\r');
    await settle();
    expect(picker.lastFrame()).not.toContain('ALPHA');
    picker.stdin.write(' ');
    await settle();
    picker.stdin.write('\r');
    expect(picked).toEqual(['alpha', 'gamma', 'elsewhere']);
    picker.unmount();
  });
});
