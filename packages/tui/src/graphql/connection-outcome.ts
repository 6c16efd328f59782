import type { OperationResult } from '@urql/core';
import type { AppAction } from '../state/app-state.ts';
import { describeError } from './describe-error.ts';

/**
 * What a query's answer says of the connection: a network error with no data means the server was
 * not reached (the header says so and views retry); anything else means it answered.
 */
export function connectionOutcome(result: OperationResult): AppAction & { type: 'connection' } {
  const lost = result.error?.networkError !== undefined && !result.data;
  return {
    type: 'connection',
    online: !lost,
    error: lost && result.error ? describeError(result.error) : undefined,
    now: Date.now(),
  };
}
