import type { FaultRegistry } from '../faults/fault-registry.ts';
import type { MockStore } from '../state/store.ts';
import type { ParsedSeed } from './seed-schema.ts';

/** What the `/_mock/*` control surface works on. */
export interface ControlContext {
  readonly store: MockStore;
  readonly faults: FaultRegistry;
  readonly now: () => Date;
  /** The seed given at start; `POST /_mock/reset` returns to it. */
  readonly initialSeed: ParsedSeed | undefined;
  readonly faultSeed: number;
}
