import { describeDatabases, insertTestCertificates } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid } from './support/certificates.ts';
import { errorCodes, useServerHarness } from './support/harness.ts';

const EVENTS = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id actor action subjectType subjectId before after at
      actorUser { name }
      subject { id ... on Organisation { name } ... on Certificate { certificateName: name } }
    }
  }
}`;

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
      action: 'certificate.rename',
      subjectType: 'certificate',
      subjectId: gid('Certificate', cert!.id),
      subject: { id: gid('Certificate', cert!.id), certificateName: 'after' },
      actorUser: { name: expect.any(String) },
    });
    expect(event.actor).not.toMatch(/^usr_/);
    expect(event.after).toMatchObject({ name: 'after' });
    expect(first.data.auditEvents.pageInfo.hasNextPage).toBe(true);

    // Organisations A and B were created by `system:test` before the test: two pages of one.
    const orgEvents = [];
    let after: string | undefined;
    do {
      const page = await h.gql('admin', EVENTS, { first: 1, after, filter: { subjectType: 'organisation' } });
      orgEvents.push(...page.data.auditEvents.nodes);
      after = page.data.auditEvents.pageInfo.hasNextPage
        ? page.data.auditEvents.pageInfo.endCursor
        : undefined;
    } while (after);
    expect(orgEvents.map((e) => [e.actor, e.action, e.subject?.name])).toEqual([
      ['system:test', 'organisation.create', 'Org B'],
      ['system:test', 'organisation.create', 'Org A'],
    ]);
    const bySubject = await h.gql('admin', EVENTS, { filter: { subject: gid('Organisation', h.orgA.id) } });
    expect(bySubject.data.auditEvents.nodes.map((e: { subjectId: string }) => e.subjectId)).toEqual([
      gid('Organisation', h.orgA.id),
    ]);
    const bySystem = await h.gql('admin', EVENTS, { filter: { actor: 'system:nobody' } });
    expect(bySystem.data.auditEvents.nodes).toEqual([]);

    const node = await h.gql('admin', `query($id: ID!) { node(id: $id) { ... on AuditEvent { action } } }`, {
      id: event.id,
    });
    expect(node.data.node).toEqual({ action: 'certificate.rename' });
    const hidden = await h.gql('consumerA', `query($id: ID!) { node(id: $id) { id } }`, { id: event.id });
    expect(hidden.data.node).toBeNull();
  });

  it('refuses anonymous callers and consumers, a bad actor filter and a foreign cursor', async () => {
    expect(errorCodes(await h.gql('anonymous', EVENTS))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await h.gql('consumerA', EVENTS))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('admin', EVENTS, { filter: { actor: 'usr_raw' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await h.gql('admin', EVENTS, { after: 'bm9wZQ' }))).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await h.gql('admin', EVENTS, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
  });
});
