import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid } from './support/certificates.ts';
import { useServerHarness } from './support/harness.ts';

const ORGANISATION = `mutation($name: String!) { organisationCreate(input: { name: $name }) { organisation { name } userErrors { code path } } }`;
const USER = `mutation($input: UserCreateInput!) {
  userCreate(input: $input) { user { id name role organisation { name } } token userErrors { code path } }
}`;

describeDatabases('organisations and users', (ctx) => {
  const h = useServerHarness(ctx);

  it('organisationCreate; a taken or blank name is a userError', async () => {
    expect((await h.gql('admin', ORGANISATION, { name: 'Org C' })).data.organisationCreate).toEqual({
      organisation: { name: 'Org C' },
      userErrors: [],
    });
    expect(
      (await h.gql('admin', ORGANISATION, { name: 'Org A' })).data.organisationCreate.userErrors,
    ).toEqual([{ code: 'ORGANISATION_NAME_TAKEN', path: ['input', 'name'] }]);
    expect((await h.gql('admin', ORGANISATION, { name: ' ' })).data.organisationCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', path: ['input', 'name'] },
    ]);
    const list = await h.gql('admin', '{ organisations(filter: { search: "org " }) { nodes { name } } }');
    expect(list.data.organisations.nodes).toEqual([{ name: 'Org A' }, { name: 'Org B' }, { name: 'Org C' }]);
  });

  it('userCreate shows the token once; it authenticates as the new user', async () => {
    const created = await h.gql('admin', USER, {
      input: { name: 'dev', role: 'CONSUMER', organisation: gid('Organisation', h.orgB.id) },
    });
    const { user, token, userErrors } = created.data.userCreate;
    expect(userErrors).toEqual([]);
    expect(user).toMatchObject({ name: 'dev', role: 'CONSUMER', organisation: { name: 'Org B' } });
    expect(token).toMatch(/^mtp_/);
    const response = await h.yoga.fetch('http://portal.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect((await response.json()).data.viewer.id).toBe(user.id);
    const fetched = await h.gql('admin', `{ node(id: "${user.id}") { ... on User { name } } }`);
    expect(JSON.stringify(fetched)).not.toContain('mtp_');
  });

  it('userCreate: a consumer needs an existing organisation', async () => {
    const noOrganisation = await h.gql('admin', USER, { input: { name: 'dev', role: 'CONSUMER' } });
    expect(noOrganisation.data.userCreate).toMatchObject({
      user: null,
      token: null,
      userErrors: [{ code: 'INVALID_INPUT', path: ['input', 'organisation'] }],
    });
    const unknown = await h.gql('admin', USER, {
      input: {
        name: 'dev',
        role: 'CONSUMER',
        organisation: gid('Organisation', 'org_01m8gzzzzzzzzzzzzzzzzzzzzz'),
      },
    });
    expect(unknown.data.userCreate.userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'organisation'] },
    ]);
  });

  it('users lists by name, filtered by organisation and role', async () => {
    const all = await h.gql('admin', '{ users { nodes { role } } }');
    expect(all.data.users.nodes).toHaveLength(3);
    const admins = await h.gql('admin', '{ users(filter: { role: ADMIN }) { nodes { name } } }');
    expect(admins.data.users.nodes).toEqual([{ name: 'admin' }]);
    const ofB = await h.gql(
      'admin',
      `{ users(filter: { organisation: "${gid('Organisation', h.orgB.id)}" }) { nodes { organisation { name } } } }`,
    );
    expect(ofB.data.users.nodes).toEqual([{ organisation: { name: 'Org B' } }]);
  });
});
