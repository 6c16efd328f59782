import type { MockStore } from '../state/store.ts';
import { type GatewayApi, gatewayApi } from './gateway-api.ts';

/**
 * Listen path → API, rebuilt only when an API was written (the store's `apisRevision`), the
 * way a Gateway reloads on a definition change. The longest listen path wins, as in Tyk.
 */
export class RouteTable {
  private revision = -1;
  private routes: GatewayApi[] = [];

  constructor(private readonly store: MockStore) {}

  match(path: string): GatewayApi | undefined {
    if (this.revision !== this.store.apisRevision) this.rebuild();
    return this.routes.find((api) => {
      const lp = api.listenPath;
      return lp === '/' || path === lp || path.startsWith(`${lp}/`);
    });
  }

  private rebuild(): void {
    this.routes = [...this.store.apis.values()]
      .map(gatewayApi)
      .filter((api): api is GatewayApi => api !== undefined)
      .sort((a, b) => b.listenPath.length - a.listenPath.length);
    this.revision = this.store.apisRevision;
  }
}
