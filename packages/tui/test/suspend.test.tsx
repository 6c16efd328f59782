// Suspend and resume from :certs against a stubbed portal: `z` asks for a reason (none, no call),
// the row then shows `suspended`, and `z` again resumes after a y/n.
import { afterEach, describe, expect, it } from 'vitest';
import {
  CertificateResumeMutation,
  CertificateSuspendMutation,
} from '../src/graphql/operations/certificate-mutations.ts';
import { CertificatesQuery } from '../src/graphql/operations/certificates.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { CERTIFICATE, page, stubbedPortal } from './support/stub-fixtures.ts';

describe('suspend / resume (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('suspends with a reason, shows it, and resumes after asking', async () => {
    let row: typeof CERTIFICATE | (Omit<typeof CERTIFICATE, 'suspendedAt'> & { suspendedAt: string | null }) =
      CERTIFICATE;
    const portal = stubbedPortal()
      .on(CertificatesQuery, () => ({ certificates: { totalCount: 1, ...page([row]) } }))
      .on(CertificateSuspendMutation, ({ reason }) => {
        if (!reason.trim())
          return {
            certificateSuspend: {
              certificate: null,
              userErrors: [
                {
                  __typename: 'GenericUserError' as const,
                  code: 'INVALID_INPUT' as const,
                  message: 'reason: a reason is required',
                  path: ['input', 'reason'],
                },
              ],
            },
          };
        row = { ...CERTIFICATE, suspendedAt: new Date().toISOString() };
        return { certificateSuspend: { certificate: row, userErrors: [] } };
      })
      .on(CertificateResumeMutation, () => {
        row = CERTIFICATE;
        return { certificateResume: { certificate: row, userErrors: [] } };
      });
    app = renderStub(portal, { size: { columns: 200, rows: 30 } });
    await app.waitFor('acme-client');
    expect(app.lastFrame()).toContain('<z> suspend/resume');

    await app.press('z');
    await app.waitFor('Why (required, kept in the audit log)');
    await app.press(KEYS.enter); // no reason: the server's refusal shows, the dialog stays
    await app.waitFor('a reason is required');
    await app.type('Key leaked in a CI log');
    await app.press(KEYS.enter);
    await app.waitFor((f) => /acme-client .*suspended/.test(f) && f.includes('Suspended acme-client'));
    expect(
      portal.calls.filter((c) => c.operationName === 'CertificateSuspend').map((c) => c.variables),
    ).toEqual([
      { certificate: CERTIFICATE.id, reason: '' },
      { certificate: CERTIFICATE.id, reason: 'Key leaked in a CI log' },
    ]);

    await app.press('z');
    await app.waitFor('Resume acme-client?');
    await app.press('n');
    await app.waitFor((f) => !f.includes('Resume acme-client?'));
    expect(portal.count('CertificateResume')).toBe(0);
    await app.press('z');
    await app.waitFor('Resume acme-client?');
    await app.press('y');
    await app.waitFor((f) => /acme-client .*valid/.test(f) && f.includes('Resumed acme-client'));
    expect(portal.count('CertificateResume')).toBe(1);
  });
});
