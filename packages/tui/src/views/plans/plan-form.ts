// The new-plan form's answers as planCreate's input: numbers as Tyk reads them. Pure. Each field's
// rule is also checked as it is typed (FormDialog's `validate`).

export interface PlanInput {
  readonly name: string;
  readonly rate: number;
  readonly per: number;
  /** Int64 travels as a decimal string. */
  readonly quotaMax?: string;
  readonly quotaRenewalRate?: number;
  readonly keyLifetimeSeconds?: number;
}

type Parsed = { ok: true; input: PlanInput } | { ok: false; message: string };

const WHOLE = /^-?\d+$/;

/** The refusal of one answer of the plan form, or null; an empty optional answer is fine. */
export const PLAN_FIELD_RULES: Readonly<Record<string, (value: string) => string | null>> = {
  rate: (v) => (Number(v) > 0 ? null : 'Rate is a number of requests above 0.'),
  per: (v) => (Number(v) > 0 ? null : 'Per is a number of seconds above 0.'),
  quotaMax: (v) =>
    /^(-1|\d{1,19})$/.test(v) ? null : 'Quota is -1 (unlimited) or a whole number of requests.',
  quotaRenewalRate: (v) =>
    WHOLE.test(v) && Number.isSafeInteger(Number(v)) ? null : 'Quota period is whole seconds, or -1.',
  keyLifetimeSeconds: (v) =>
    WHOLE.test(v) && Number.isSafeInteger(Number(v)) && Number(v) >= 0
      ? null
      : 'Key lifetime is whole seconds (0: forever).',
};

/** Empty optional answers leave the server's defaults (unlimited quota, keys that never expire). */
export function planInput(v: Readonly<Record<string, string>>): Parsed {
  for (const [field, rule] of Object.entries(PLAN_FIELD_RULES)) {
    const value = (v[field] ?? '').trim();
    const required = field === 'rate' || field === 'per';
    const refusal = value === '' && !required ? null : rule(value);
    if (refusal) return { ok: false, message: refusal };
  }
  const optional = (field: string) => (v[field] ?? '').trim();
  return {
    ok: true,
    input: {
      name: (v.name ?? '').trim(),
      rate: Number(v.rate),
      per: Number(v.per),
      ...(optional('quotaMax') === '' ? {} : { quotaMax: optional('quotaMax') }),
      ...(optional('quotaRenewalRate') === ''
        ? {}
        : { quotaRenewalRate: Number(optional('quotaRenewalRate')) }),
      ...(optional('keyLifetimeSeconds') === ''
        ? {}
        : { keyLifetimeSeconds: Number(optional('keyLifetimeSeconds')) }),
    },
  };
}
