import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { StatusLine } from './StatusLine.tsx';

it('the : prompt shows what a prefix matches (:pr → products, providers) at 80 columns', () => {
  const line = render(<StatusLine prompt={{ kind: 'command', text: 'pr' }} flash={null} />);
  expect(line.lastFrame()).toContain(':pr');
  expect(line.lastFrame()).toContain('products  providers');
  line.rerender(<StatusLine prompt={{ kind: 'command', text: 'prov' }} flash={null} />);
  expect(line.lastFrame()).not.toContain('products');
});
