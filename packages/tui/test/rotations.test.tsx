// `:rotations` against a stubbed portal: a consumer's REQUESTED rotation is approved with `a`, an
// OVERLAP one completed with `c`; each asks first, and a step the row's state does not allow is not
// offered (no `complete` on a request).
import { afterEach, describe, expect, it } from 'vitest';
import {
  CertificateRotationApproveMutation,
  CertificateRotationCompleteMutation,
  RotationsQuery,
} from '../src/graphql/operations/rotations.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { page, ROTATION, stubbedPortal } from './support/stub-fixtures.ts';

type Status = 'REQUESTED' | 'OVERLAP' | 'COMPLETED' | 'CANCELLED';

describe(':rotations (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('approves a requested rotation and completes one in its overlap, asking first', async () => {
    const requested = {
      ...ROTATION,
      id: 'rot_requested',
      status: 'REQUESTED' as Status,
      createdAt: new Date().toISOString(),
      from: { id: 'crt_self', name: 'globex-device', subjectCn: 'device.globex.example' },
      to: null,
    };
    let rows: { id: string; status: Status }[] = [requested, { ...ROTATION, status: 'OVERLAP' }];
    const step = (id: string, status: Status) => {
      rows = rows.map((r) => (r.id === id ? { ...r, status } : r));
      return {
        step: {
          rotation: { id, status, createdAt: ROTATION.createdAt, to: ROTATION.to },
          changes: [
            {
              apiIds: ['payments'],
              keyBound: true,
              before: ['a'],
              after: ['a', 'b'],
              accessRequest: { id: 'req_mobile', app: { name: 'Mobile' }, product: { name: 'Payments' } },
            },
          ],
        },
        userErrors: [],
      };
    };
    const portal = stubbedPortal()
      .on(RotationsQuery, () => ({
        certificateRotations: page(
          rows.map((r) => ({ ...(r.id === requested.id ? requested : ROTATION), status: r.status })),
        ),
      }))
      .on(CertificateRotationApproveMutation, ({ rotation }) => ({
        certificateRotationApprove: step(String(rotation), 'OVERLAP'),
      }))
      .on(CertificateRotationCompleteMutation, ({ rotation }) => ({
        certificateRotationComplete: step(String(rotation), 'COMPLETED'),
      }));
    app = renderStub(portal, { size: { columns: 160, rows: 30 } });
    await app.waitFor('Certificates (');
    await app.press(':');
    await app.type('rot');
    await app.press(KEYS.enter);
    const list = await app.waitFor(
      (f) => f.includes('Rotations (2, 1 requested)') && f.includes('<a> approve'),
    );
    expect(list).toMatch(/globex-device\s+-\s+requested/);
    // The hint bar follows the selected row's state: a request can be approved or declined only.
    await app.waitFor((f) => f.includes('<x> cancel') && !f.includes('<c> complete'));

    await app.press('c'); // not offered on a request: nothing happens
    expect(app.lastFrame()).not.toContain('this rotation?');
    await app.press('a');
    await app.waitFor("Approve: globex-device's replacement is stored");
    await app.press('n');
    await app.waitFor((f) => !f.includes('this rotation?'));
    expect(portal.count('CertificateRotationApprove')).toBe(0);
    await app.press('a');
    await app.waitFor('Approve this rotation?');
    await app.press('y');
    await app.waitFor('globex-device: overlap, 1 grant touched.');

    await app.press(KEYS.down);
    await app.waitFor('<c> complete');
    await app.press('c');
    await app.waitFor('Complete: acme-client leaves every grant');
    await app.press('y');
    await app.waitFor(
      (f) => f.includes('acme-client: completed, 1 grant touched.') && /acme-client.*completed/.test(f),
    );
    expect(
      portal.calls.filter((c) => c.kind === 'mutation').map((c) => [c.operationName, c.variables]),
    ).toEqual([
      ['CertificateRotationApprove', { rotation: 'rot_requested' }],
      ['CertificateRotationComplete', { rotation: ROTATION.id }],
    ]);
  });
});
