import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/reply.ts';
import type { MockStore } from '../state/store.ts';

/** What every Dashboard route is handed. */
export interface DashboardContext {
  readonly store: MockStore;
  readonly now: () => Date;
}

/** One authenticated Dashboard request; `orgId` is the org of the caller's API key. */
export interface DashboardRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly params: Readonly<Record<string, string>>;
  readonly orgId: string;
}

export type DashboardHandler = (ctx: DashboardContext, req: DashboardRequest) => Reply | Promise<Reply>;
