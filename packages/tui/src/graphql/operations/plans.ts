import { operation } from '../document.ts';
import { type PageInfo, USER_ERRORS, type UserError } from './types.ts';

export interface PlanRow {
  readonly id: string;
  readonly name: string;
  readonly rate: number;
  readonly per: number;
  /** Int64 as a decimal string; -1 is unlimited. */
  readonly quotaMax: string;
  readonly quotaRenewalRate: number;
  readonly keyLifetimeSeconds: number;
  readonly createdAt: string;
}

const PLAN = 'id name rate per quotaMax quotaRenewalRate keyLifetimeSeconds createdAt';

export const PlansQuery = operation<{ plans: { pageInfo: PageInfo; nodes: PlanRow[] } }, { first: number }>(
  'Plans',
  `query Plans($first: Int!) { plans(first: $first) { pageInfo { endCursor hasNextPage } nodes { ${PLAN} } } }`,
);

export type PlanCreateVariables = {
  name: string;
  rate: number;
  per: number;
  quotaMax?: string;
  quotaRenewalRate?: number;
  keyLifetimeSeconds?: number;
};

export const PlanCreateMutation = operation<
  { planCreate: { plan: PlanRow | null; userErrors: UserError[] } },
  PlanCreateVariables
>(
  'PlanCreate',
  `mutation PlanCreate($name: String!, $rate: Float!, $per: Float!, $quotaMax: Int64, $quotaRenewalRate: Int, $keyLifetimeSeconds: Int) {
    planCreate(input: { name: $name, rate: $rate, per: $per, quotaMax: $quotaMax, quotaRenewalRate: $quotaRenewalRate, keyLifetimeSeconds: $keyLifetimeSeconds }) {
      plan { ${PLAN} } ${USER_ERRORS}
    }
  }`,
);
