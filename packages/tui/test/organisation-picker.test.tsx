// The organisation picker with more organisations than one page (150; pages of 100) against a
// stubbed portal: the certificate's organisation past the first page shows ticked and is kept on
// enter, and `/` finds any organisation by name.
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateSetOrganisationsMutation } from '../src/graphql/operations/certificate-mutations.ts';
import { CertificatesQuery } from '../src/graphql/operations/certificates.ts';
import { OrganisationChoicesQuery } from '../src/graphql/operations/organisations.ts';
import { KEYS, type RenderedApp, renderStub } from '../src/testing/render.tsx';
import { CERTIFICATE, page, stubbedPortal } from './support/stub-fixtures.ts';

const ORGANISATIONS = Array.from({ length: 150 }, (_, i) => ({
  id: `org_${String(i).padStart(3, '0')}`,
  name: `Organisation ${String(i).padStart(3, '0')}`,
}));

describe('organisation picker past one page (stubbed portal)', () => {
  let app: RenderedApp | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });

  it('keeps an organisation of the second page and finds another with /', async () => {
    const far = ORGANISATIONS[140]!;
    const certificate = { ...CERTIFICATE, organisations: [far] };
    const portal = stubbedPortal()
      .on(CertificatesQuery, () => ({ certificates: { totalCount: 1, ...page([certificate]) } }))
      .on(OrganisationChoicesQuery, ({ after }) => {
        const start = after ? Number(after) : 0;
        const nodes = ORGANISATIONS.slice(start, start + 100);
        const next = start + nodes.length;
        return {
          organisations: {
            pageInfo: { endCursor: String(next), hasNextPage: next < ORGANISATIONS.length },
            nodes,
          },
        };
      })
      .on(CertificateSetOrganisationsMutation, ({ organisations }) => ({
        certificateSetOrganisations: {
          certificate: {
            ...certificate,
            organisations: ORGANISATIONS.filter((o) => (organisations as string[]).includes(o.id)),
          },
          userErrors: [],
        },
      }));
    app = renderStub(portal, { size: { columns: 120, rows: 30 } });
    await app.waitFor('acme-client');
    await app.press('o');
    await app.waitFor('space toggles, / filters');
    expect(portal.count('OrganisationChoices')).toBe(2);

    await app.press('/');
    await app.type('Organisation 14');
    await app.press(KEYS.enter);
    // 140 to 149 match; the certificate's own is ticked though it was past the first page.
    const filtered = await app.waitFor('(10 matches)');
    expect(filtered).toMatch(/◉ Organisation 140/);
    expect(filtered).not.toContain('Organisation 013');
    await app.press(KEYS.down, ' ');
    await app.waitFor(/◉ Organisation 141/);
    await app.press(KEYS.enter);
    await app.waitFor('Organisations: Organisation 140, Organisation 141.');
    expect(portal.calls.filter((c) => c.kind === 'mutation').map((c) => c.variables)).toEqual([
      { certificate: CERTIFICATE.id, organisations: ['org_140', 'org_141'] },
    ]);
  });
});
