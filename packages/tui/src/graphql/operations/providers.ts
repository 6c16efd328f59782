import { operation } from '../document.ts';
import { type PageInfo, USER_ERRORS, type UserError } from './types.ts';

export interface ProviderRow {
  readonly id: string;
  readonly name: string;
  readonly dashboardUrl: string;
  readonly gatewayUrl: string | null;
  readonly orgId: string;
  readonly requestTimeoutMs: number;
  readonly updatedAt: string;
}

export const ProvidersQuery = operation<{ providers: { pageInfo: PageInfo; nodes: ProviderRow[] } }>(
  'Providers',
  `query Providers {
    providers(first: 100) {
      pageInfo { endCursor hasNextPage }
      nodes { id name dashboardUrl gatewayUrl orgId requestTimeoutMs updatedAt }
    }
  }`,
);

export const ProviderTestConnectionMutation = operation<
  {
    providerTestConnection: {
      connectionCheck: { latencyMs: number; certificatePages: number } | null;
      userErrors: UserError[];
    };
  },
  { provider: string }
>(
  'ProviderTestConnection',
  `mutation ProviderTestConnection($provider: ID!) {
    providerTestConnection(input: { provider: $provider }) {
      connectionCheck { latencyMs certificatePages }
      ${USER_ERRORS}
    }
  }`,
);

const PROVIDER = 'id name dashboardUrl gatewayUrl orgId requestTimeoutMs updatedAt';

type ProviderPayload = { provider: ProviderRow | null; userErrors: UserError[] };

export type ProviderCreateVariables = {
  name: string;
  dashboardUrl: string;
  orgId: string;
  apiKey: string;
  gatewayUrl?: string | null;
};

export const ProviderCreateMutation = operation<{ providerCreate: ProviderPayload }, ProviderCreateVariables>(
  'ProviderCreate',
  `mutation ProviderCreate($name: String!, $dashboardUrl: String!, $orgId: String!, $apiKey: String!, $gatewayUrl: String) {
    providerCreate(input: { name: $name, dashboardUrl: $dashboardUrl, orgId: $orgId, apiKey: $apiKey, gatewayUrl: $gatewayUrl }) {
      provider { ${PROVIDER} } ${USER_ERRORS}
    }
  }`,
);

/** Only the fields given change; an absent `apiKey` keeps the stored one. */
export type ProviderUpdateVariables = {
  provider: string;
  name?: string;
  dashboardUrl?: string;
  orgId?: string;
  apiKey?: string;
  gatewayUrl?: string | null;
};

export const ProviderUpdateMutation = operation<{ providerUpdate: ProviderPayload }, ProviderUpdateVariables>(
  'ProviderUpdate',
  `mutation ProviderUpdate($provider: ID!, $name: String, $dashboardUrl: String, $orgId: String, $apiKey: String, $gatewayUrl: String) {
    providerUpdate(input: { provider: $provider, name: $name, dashboardUrl: $dashboardUrl, orgId: $orgId, apiKey: $apiKey, gatewayUrl: $gatewayUrl }) {
      provider { ${PROVIDER} } ${USER_ERRORS}
    }
  }`,
);
