import { EnvError } from '@repo/server/env';
import { expect, it } from 'vitest';
import { readDemoEnv } from '../src/env.ts';

it('reads the demo ports, empty meaning unset', () => {
  expect(readDemoEnv({ DEMO_DASHBOARD_PORT: '3000', DEMO_GATEWAY_PORT: '' })).toEqual({
    DEMO_DASHBOARD_PORT: 3000,
    DEMO_GATEWAY_PORT: 0,
  });
});

it('refuses a bad port with every problem named, one variable per line', () => {
  const read = () => readDemoEnv({ DEMO_DASHBOARD_PORT: 'abc', DEMO_GATEWAY_PORT: '70000' });
  expect(read).toThrow(EnvError);
  expect(read).toThrow(/DEMO_DASHBOARD_PORT: .*\n\s+DEMO_GATEWAY_PORT: /);
});
