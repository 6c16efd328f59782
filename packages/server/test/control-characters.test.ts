import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { uploaded } from './support/certificates.ts';
import { useServerHarness } from './support/harness.ts';

// A terminal that let `ctrl-u` through stored `globex-4\u0015renamed-fast` as a certificate's
// name. Names are for people: every C0 control (U+0000–U+001F) and DEL is refused, not only NUL.

const ORGANISATION = `mutation($input: OrganisationCreateInput!) {
  organisationCreate(input: $input) { organisation { name } userErrors { code path message } }
}`;
const RENAME = `mutation($input: CertificateRenameInput!) {
  certificateRename(input: $input) { certificate { name } userErrors { code path message } }
}`;

describeDatabases('control characters in names', (ctx) => {
  const h = useServerHarness(ctx);

  it('certificateRename refuses a C0 control or DEL at input.name and keeps the old name', async () => {
    const { id } = await uploaded(h, { certificateName: 'globex-4' });
    for (const bad of ['globex-4\u0015renamed-fast', 'tab\there', 'del\u007F', 'esc\u001B[A']) {
      const result = await h.gql('admin', RENAME, { input: { certificate: id, name: bad } });
      expect(result.data.certificateRename).toEqual({
        certificate: null,
        userErrors: [
          {
            code: 'INVALID_INPUT',
            path: ['input', 'name'],
            message: 'name must not contain control characters',
          },
        ],
      });
    }
    const kept = await h.gql('admin', `query($id: ID!) { node(id: $id) { ... on Certificate { name } } }`, {
      id,
    });
    expect(kept.data.node).toEqual({ name: 'globex-4' });
    const renamed = await h.gql('admin', RENAME, { input: { certificate: id, name: 'renamed-fast' } });
    expect(renamed.data.certificateRename.certificate).toEqual({ name: 'renamed-fast' });
  });

  it('organisationCreate refuses one and creates nothing', async () => {
    const result = await h.gql('admin', ORGANISATION, { input: { name: 'Org\u0015C' } });
    expect(result.data.organisationCreate).toEqual({
      organisation: null,
      userErrors: [
        {
          code: 'INVALID_INPUT',
          path: ['input', 'name'],
          message: 'name must not contain control characters',
        },
      ],
    });
    const listed = await h.gql('admin', '{ organisations { nodes { name } } }');
    expect(listed.data.organisations.nodes).toEqual([{ name: 'Org A' }, { name: 'Org B' }]);
  });
});
