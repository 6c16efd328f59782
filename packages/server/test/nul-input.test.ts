import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid, uploaded } from './support/certificates.ts';
import { errorCodes, type GqlResult, useServerHarness } from './support/harness.ts';

// PostgreSQL text cannot hold U+0000, so a NUL reaching a statement failed it as
// INTERNAL_SERVER_ERROR. Every argument is checked once coerced: a payload with userErrors says
// INVALID_INPUT there, any other field answers a top-level INVALID_INPUT naming the input path.

const NUL = '\u0000';
const ORGANISATION = `mutation($input: OrganisationCreateInput!) {
  organisationCreate(input: $input) { organisation { name } userErrors { __typename code path message } }
}`;
const RENAME = `mutation($input: CertificateRenameInput!) {
  certificateRename(input: $input) { certificate { name } userErrors { code path } }
}`;
const USER = `mutation($input: UserCreateInput!) { userCreate(input: $input) { user { id } token userErrors { code path } } }`;
const ORGANISATIONS = `query($search: String) { organisations(filter: { search: $search }) { nodes { name } } }`;

/** The one top-level error of a refused query field. */
function refusal(result: GqlResult) {
  expect(errorCodes(result)).toEqual(['INVALID_INPUT']);
  return result.errors![0] as { message: string; extensions: { inputPath?: string[] } };
}

describeDatabases('NUL characters in input', (ctx) => {
  const h = useServerHarness(ctx);

  it('a mutation refuses one in a variable or an inline literal as a userError at its path', async () => {
    const byVariable = await h.gql('admin', ORGANISATION, { input: { name: `Org${NUL}C` } });
    expect(byVariable.errors).toBeUndefined();
    expect(byVariable.data.organisationCreate).toEqual({
      organisation: null,
      userErrors: [
        {
          __typename: 'GenericUserError',
          code: 'INVALID_INPUT',
          path: ['input', 'name'],
          message: 'input.name must not contain a NUL character (U+0000).',
        },
      ],
    });
    const inline = await h.gql(
      'admin',
      'mutation { organisationCreate(input: { name: "Org\\u0000C" }) { organisation { name } userErrors { code path } } }',
    );
    expect(inline.data.organisationCreate).toEqual({
      organisation: null,
      userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'name'] }],
    });
    const listed = await h.gql('admin', '{ organisations { nodes { name } } }');
    expect(listed.data.organisations.nodes).toEqual([{ name: 'Org A' }, { name: 'Org B' }]);
  });

  it('certificateRename and userCreate refuse it too, in the name or inside a global id', async () => {
    const { id } = await uploaded(h, { certificateName: 'old' });
    expect((await h.gql('admin', RENAME, { input: { certificate: id, name: `new${NUL}` } })).data).toEqual({
      certificateRename: {
        certificate: null,
        userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'name'] }],
      },
    });
    const forged = gid('Certificate', `crt_${NUL}`);
    expect((await h.gql('admin', RENAME, { input: { certificate: forged, name: 'new' } })).data).toEqual({
      certificateRename: {
        certificate: null,
        userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'certificate'] }],
      },
    });
    const user = await h.gql('admin', USER, { input: { name: `dev${NUL}`, role: 'ADMIN' } });
    expect(user.data.userCreate).toEqual({
      user: null,
      token: null,
      userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'name'] }],
    });
    const kept = await h.gql('admin', `query($id: ID!) { node(id: $id) { ... on Certificate { name } } }`, {
      id,
    });
    expect(kept.data.node).toEqual({ name: 'old' });
  });

  it('a query refuses one in a filter, by variable or inline, naming the input path', async () => {
    const byVariable = refusal(await h.gql('admin', ORGANISATIONS, { search: `Org${NUL}` }));
    expect(byVariable.message).toBe('filter.search must not contain a NUL character (U+0000).');
    expect(byVariable.extensions.inputPath).toEqual(['filter', 'search']);
    const inline = refusal(
      await h.gql('admin', '{ certificates(filter: { search: "a\\u0000" }) { totalCount } }'),
    );
    expect(inline.extensions.inputPath).toEqual(['filter', 'search']);
    const audit = await h.gql(
      'admin',
      'query($a: String) { auditEvents(filter: { search: $a }) { nodes { id } } }',
      {
        a: `certificate.rename${NUL}`,
      },
    );
    expect(refusal(audit).extensions.inputPath).toEqual(['filter', 'search']);
  });

  it('a query with a payload (certificateInspect) answers a userError', async () => {
    const result = await h.gql(
      'admin',
      'query($pem: String!) { certificateInspect(input: { pem: $pem }) { inspection { tykId } userErrors { code path } } }',
      { pem: `-----BEGIN CERTIFICATE-----${NUL}` },
    );
    expect(result.data.certificateInspect).toEqual({
      inspection: null,
      userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'pem'] }],
    });
  });

  it('node and nodes answer null for a global id that decodes to one, as for any malformed id', async () => {
    const forged = gid('Certificate', `crt_${NUL}`);
    const node = await h.gql('admin', 'query($id: ID!) { node(id: $id) { id } }', { id: forged });
    expect(node).toEqual({ data: { node: null } });
    const ok = gid('Organisation', h.orgA.id);
    const nodes = await h.gql('admin', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [ok, forged],
    });
    expect(nodes).toEqual({ data: { nodes: [{ id: ok }, null] } });
  });

  it('a subscription refuses one before it starts', async () => {
    const forged = gid('AccessRequest', `acr_${NUL}`);
    const events = await h.subscribe(
      'admin',
      'subscription($id: ID!) { accessRequestStatus(accessRequest: $id) { status } }',
      { id: forged },
    );
    expect(events.flatMap((e) => errorCodes(e))).toEqual(['INVALID_INPUT']);
  });

  it('authentication and authorisation are checked first', async () => {
    const anonymous = await h.gql('anonymous', ORGANISATION, { input: { name: NUL } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const consumer = await h.gql('consumerA', ORGANISATION, { input: { name: NUL } });
    expect(errorCodes(consumer)).toEqual(['FORBIDDEN']);
  });
});
