import type { CoreDeps } from './deps.ts';
import { ProviderService } from './providers/provider.service.ts';

/** The services of core, wired to one database. Server, CLI and tests build one of these. */
export interface Core {
  readonly providers: ProviderService;
}

export function createCore(deps: CoreDeps): Core {
  const providers = new ProviderService(deps);
  return { providers };
}
