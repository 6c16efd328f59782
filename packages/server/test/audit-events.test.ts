import { auditActions, auditSubjectTypes, systemActor } from '@repo/core';
import { describeDatabases, insertTestCertificates } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { auditEnumName } from '../src/schema/audit-events.ts';
import { gid } from './support/certificates.ts';
import { errorCodes, useServerHarness } from './support/harness.ts';

const EVENTS = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id action subjectType subjectId before after at
      actor { kind userId component user { name } }
      subject { id ... on Organisation { name } ... on Certificate { certificateName: name } }
    }
  }
}`;

const SYSTEM_TEST = { kind: 'SYSTEM', userId: null, component: 'test', user: null };

describeDatabases('auditEvents', (ctx) => {
  const h = useServerHarness(ctx);

  it('lists the log newest first, with references to actors and subjects, page by page', async () => {
    const [cert] = await insertTestCertificates(ctx.db, h.provider, [{ name: 'before' }]);
    const renamed = await h.gql(
      'admin',
      `mutation($input: CertificateRenameInput!) { certificateRename(input: $input) { userErrors { code } } }`,
      { input: { certificate: gid('Certificate', cert!.id), name: 'after' } },
    );
    expect(renamed.data.certificateRename.userErrors).toEqual([]);

    const first = await h.gql('admin', EVENTS, { first: 1 });
    expect(first.errors).toBeUndefined();
    const [event] = first.data.auditEvents.nodes;
    expect(event).toMatchObject({
      action: 'CERTIFICATE_RENAME',
      subjectType: 'CERTIFICATE',
      subjectId: gid('Certificate', cert!.id),
      subject: { id: gid('Certificate', cert!.id), certificateName: 'after' },
      actor: { kind: 'USER', user: { name: expect.any(String) }, component: null },
    });
    expect(event.actor.userId).not.toMatch(/^usr_/);
    expect(event.after).toMatchObject({ name: 'after' });
    expect(first.data.auditEvents.pageInfo.hasNextPage).toBe(true);

    // Organisations A and B were created by `system:test` before the test: two pages of one.
    const orgEvents = [];
    let after: string | undefined;
    do {
      const page = await h.gql('admin', EVENTS, { first: 1, after, filter: { subjectType: 'ORGANISATION' } });
      orgEvents.push(...page.data.auditEvents.nodes);
      after = page.data.auditEvents.pageInfo.hasNextPage
        ? page.data.auditEvents.pageInfo.endCursor
        : undefined;
    } while (after);
    expect(orgEvents.map((e) => [e.actor, e.action, e.subject?.name])).toEqual([
      [SYSTEM_TEST, 'ORGANISATION_CREATE', 'Org B'],
      [SYSTEM_TEST, 'ORGANISATION_CREATE', 'Org A'],
    ]);
    const bySubject = await h.gql('admin', EVENTS, { filter: { subject: gid('Organisation', h.orgA.id) } });
    expect(bySubject.data.auditEvents.nodes.map((e: { subjectId: string }) => e.subjectId)).toEqual([
      gid('Organisation', h.orgA.id),
    ]);
    const bySystem = await h.gql('admin', EVENTS, { filter: { actor: { component: 'nobody' } } });
    expect(bySystem.data.auditEvents.nodes).toEqual([]);
    const byTest = await h.gql('admin', EVENTS, { filter: { actor: { component: 'test' }, search: 'ORG' } });
    expect(byTest.data.auditEvents.nodes.map((e: { action: string }) => e.action)).toEqual([
      'ORGANISATION_CREATE',
      'ORGANISATION_CREATE',
    ]);
    const byUser = await h.gql('admin', EVENTS, { filter: { actor: { user: event.actor.userId } } });
    expect(byUser.data.auditEvents.nodes.map((e: { id: string }) => e.id)).toContain(event.id);
    const byAction = await h.gql('admin', EVENTS, {
      filter: {
        action: 'CERTIFICATE_RENAME',
        since: event.at,
        until: new Date(Date.now() + 1000).toISOString(),
      },
    });
    expect(byAction.data.auditEvents.nodes.map((e: { id: string }) => e.id)).toEqual([event.id]);

    const node = await h.gql('admin', `query($id: ID!) { node(id: $id) { ... on AuditEvent { action } } }`, {
      id: event.id,
    });
    expect(node.data.node).toEqual({ action: 'CERTIFICATE_RENAME' });
    const hidden = await h.gql('consumerA', `query($id: ID!) { node(id: $id) { id } }`, { id: event.id });
    expect(hidden.data.node).toBeNull();
  });

  it('refuses anonymous callers and consumers, a bad actor filter and a foreign cursor', async () => {
    expect(errorCodes(await h.gql('anonymous', EVENTS))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await h.gql('consumerA', EVENTS))).toEqual(['FORBIDDEN']);
    // Variables of the wrong shape are refused before any resolver runs (a malformed request).
    const refused = async (filter: object) => (await h.gql('admin', EVENTS, { filter })).errors?.[0]?.message;
    expect(await refused({ actor: 'system:sync' })).toMatch(/AuditActorFilter/);
    expect(await refused({ action: 'certificate.rename' })).toMatch(/AuditAction/);
    expect(await refused({ actor: { user: gid('User', 'usr_x'), component: 'sync' } })).toMatch(
      /exactly one key/i,
    );
    expect(errorCodes(await h.gql('admin', EVENTS, { after: 'bm9wZQ' }))).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await h.gql('admin', EVENTS, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves a subject that several events name, with either executor', async () => {
    const [cert] = await insertTestCertificates(ctx.db, h.provider, [{ name: 'one' }]);
    for (const name of ['two', 'three']) {
      const renamed = await h.core.certificates.rename(cert!.id, name, systemActor('test'));
      expect(renamed.ok).toBe(true);
    }
    const query = (variables: string, filter: string) =>
      `query(${variables}) { auditEvents(first: 10, filter: ${filter}) { nodes { subject { id } } } }`;
    // A query whose variables hold a @oneOf input runs on graphql-js; the others on graphql-jit.
    for (const [document, variables] of [
      [query('$f: AuditEventFilter', '$f'), { f: { subjectType: 'CERTIFICATE' } }],
      [query('$t: AuditSubjectType', '{ subjectType: $t }'), { t: 'CERTIFICATE' }],
    ] as const) {
      const result = await h.gql('admin', document, variables);
      expect(result.errors).toBeUndefined();
      expect(result.data.auditEvents.nodes).toEqual([
        { subject: { id: gid('Certificate', cert!.id) } },
        { subject: { id: gid('Certificate', cert!.id) } },
      ]);
    }
  });

  it('has an enum value for every action and subject type core records', async () => {
    const { data } = await h.gql(
      'admin',
      `{ action: __type(name: "AuditAction") { enumValues { name description } }
         subjectType: __type(name: "AuditSubjectType") { enumValues { name description } } }`,
    );
    const names = (type: { enumValues: { name: string }[] }) => type.enumValues.map((v) => v.name).sort();
    expect(names(data.action)).toEqual(auditActions.map(auditEnumName).sort());
    expect(names(data.subjectType)).toEqual(auditSubjectTypes.map(auditEnumName).sort());
    for (const v of [...data.action.enumValues, ...data.subjectType.enumValues])
      expect(v.description).toBeTruthy();
  });
});
