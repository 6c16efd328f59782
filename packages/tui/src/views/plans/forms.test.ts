import { describe, expect, it } from 'vitest';
import { productInput } from '../products/product-form.ts';
import { planInput } from './plan-form.ts';

describe('planInput', () => {
  it('reads numbers as Tyk takes them, leaving empty answers to the defaults', () => {
    expect(planInput({ name: ' Gold ', rate: '10', per: '1' })).toEqual({
      ok: true,
      input: { name: 'Gold', rate: 10, per: 1 },
    });
    expect(
      planInput({
        name: 'Big',
        rate: '0.5',
        per: '60',
        quotaMax: '9223372036854775807',
        quotaRenewalRate: '3600',
        keyLifetimeSeconds: '0',
      }),
    ).toEqual({
      ok: true,
      input: {
        name: 'Big',
        rate: 0.5,
        per: 60,
        quotaMax: '9223372036854775807',
        quotaRenewalRate: 3600,
        keyLifetimeSeconds: 0,
      },
    });
  });

  it('says which number is wrong', () => {
    expect(planInput({ name: 'x', rate: '0', per: '1' })).toMatchObject({ ok: false, message: /Rate/ });
    expect(planInput({ name: 'x', rate: '1', per: 'soon' })).toMatchObject({ ok: false, message: /Per/ });
    expect(planInput({ name: 'x', rate: '1', per: '1', quotaMax: '1e3' })).toMatchObject({ ok: false });
    expect(planInput({ name: 'x', rate: '1', per: '1', keyLifetimeSeconds: '-5' })).toMatchObject({
      ok: false,
      message: /Key lifetime/,
    });
  });
});

describe('productInput', () => {
  const one = [{ id: 'UHJvdjox', name: 'Mock Dashboard' }];
  it('takes the only provider, API ids separated by commas or spaces, and words for the mode', () => {
    expect(
      productInput({ name: 'Pay', provider: '', apiIds: 'a1, b2 c3', mode: 'Managed', bind: 'yes' }, one),
    ).toEqual({
      ok: true,
      input: {
        provider: 'UHJvdjox',
        name: 'Pay',
        apiIds: ['a1', 'b2', 'c3'],
        certificateMode: 'MANAGED',
        bindCertificateToToken: true,
      },
    });
    expect(productInput({ name: 'Pay', provider: 'mock dashboard', apiIds: 'a1' }, one)).toEqual({
      ok: true,
      input: { provider: 'UHJvdjox', name: 'Pay', apiIds: ['a1'] },
    });
  });

  it('refuses what it cannot read', () => {
    const two = [...one, { id: 'UHJvdjoy', name: 'Other' }];
    expect(productInput({ name: 'Pay', provider: '', apiIds: 'a1' }, two)).toMatchObject({ ok: false });
    expect(productInput({ name: 'Pay', provider: 'x', apiIds: 'a1' }, one)).toMatchObject({ ok: false });
    expect(productInput({ name: 'Pay', provider: '', apiIds: ' ' }, one)).toMatchObject({ ok: false });
    expect(productInput({ name: 'Pay', provider: '', apiIds: 'a', mode: 'auto' }, one)).toMatchObject({
      ok: false,
    });
    expect(productInput({ name: 'Pay', provider: '', apiIds: 'a', bind: 'maybe' }, one)).toMatchObject({
      ok: false,
    });
  });
});
