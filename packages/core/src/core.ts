import type { CoreDeps } from './deps.ts';
import { ProviderService } from './providers/provider.service.ts';
import { SyncService } from './sync/sync.service.ts';

/** The services of core, wired to one database. Server, CLI and tests build one of these. */
export interface Core {
  readonly providers: ProviderService;
  readonly sync: SyncService;
}

export function createCore(deps: CoreDeps): Core {
  const providers = new ProviderService(deps);
  const sync = new SyncService(deps, providers);
  return { providers, sync };
}
