import { EventHub } from '../events/event-hub.ts';
import type { ImportProgress } from './certificate-import.ts';

/** Progress of one import, under the key its caller chose (the subscription follows that key). */
export interface KeyedImportProgress extends ImportProgress {
  readonly key: string;
}

/** Progress of imports run by this process: an import runs inside its caller's request. */
export class ImportEvents extends EventHub<KeyedImportProgress> {}
