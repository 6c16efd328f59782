import { describeDatabases, makeCertificate } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { gid } from './support/certificates.ts';
import { useServerHarness } from './support/harness.ts';

const IMPORT = `mutation($input: CertificateImportInput!) {
  certificateImport(input: $input) {
    report {
      dryRun total
      counts { created restored updated refused }
      items { index file block outcome name subjectCn certificate { name organisations { name } } error { code } }
    }
    userErrors { code path }
  }
}`;

describeDatabases('certificateImport', (ctx) => {
  const h = useServerHarness(ctx);

  it('answers each item, dry run first, and follows the import on certificateImportProgress', async () => {
    const [one, two] = await Promise.all(
      ['CN=gql-one', 'CN=gql-two'].map((name) => makeCertificate({ name })),
    );
    const input = {
      provider: gid('Provider', h.provider.id),
      files: [
        { name: 'pair.pem', text: one!.pem + two!.pem },
        { name: 'key.pem', text: one!.keyPem },
      ],
      organisations: [gid('Organisation', h.orgA.id)],
      namePattern: '{cn}',
    };
    const items = (outcome: string) => [
      { index: 1, file: 'pair.pem', block: 1, outcome, name: 'gql-one', subjectCn: 'gql-one', error: null },
      { index: 2, file: 'pair.pem', block: 2, outcome, name: 'gql-two', subjectCn: 'gql-two', error: null },
      {
        index: 3,
        file: 'key.pem',
        block: 1,
        outcome: 'REFUSED',
        name: null,
        error: { code: 'PEM_PRIVATE_KEY' },
      },
    ];

    const dry = await h.gql('admin', IMPORT, { input: { ...input, dryRun: true } });
    expect(dry.data.certificateImport).toMatchObject({
      report: { dryRun: true, total: 3, counts: { created: 2, refused: 1 }, items: items('CREATED') },
      userErrors: [],
    });
    expect((await h.gql('admin', '{ certificates { totalCount } }')).data.certificates.totalCount).toBe(0);

    let imported: Awaited<ReturnType<typeof h.gql>> | undefined;
    const events = await h.subscribe(
      'admin',
      'subscription($key: String!) { certificateImportProgress(progressKey: $key) { progressKey done total counts { created refused } } }',
      { key: 'gql-import' },
      {
        started: async () => {
          imported = await h.gql('admin', IMPORT, { input: { ...input, progressKey: 'gql-import' } });
        },
      },
    );
    expect(imported!.data.certificateImport.report).toMatchObject({
      dryRun: false,
      counts: { created: 2, updated: 0, refused: 1 },
      items: items('CREATED'),
    });
    expect(imported!.data.certificateImport.report.items[0].certificate).toEqual({
      name: 'gql-one',
      organisations: [{ name: 'Org A' }],
    });
    // One event per item; the stream ends after the last.
    const progress = events.map((e) => e.data.certificateImportProgress);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(progress.at(-1)).toEqual({
      progressKey: 'gql-import',
      done: 3,
      total: 3,
      counts: { created: 2, refused: 1 },
    });
  });

  it('refuses consumers, and an unknown provider as a userError on input.provider', async () => {
    const cert = await makeCertificate({ name: 'CN=x' });
    const files = [{ name: 'x.pem', text: cert.pem }];
    const asConsumer = await h.gql('consumerA', IMPORT, {
      input: { provider: gid('Provider', h.provider.id), files },
    });
    expect(
      asConsumer.errors?.[0]?.extensions?.code ?? asConsumer.data?.certificateImport?.userErrors?.[0]?.code,
    ).toMatch(/FORBIDDEN/);
    const unknown = await h.gql('admin', IMPORT, {
      input: { provider: gid('Provider', 'prv_01m8gzzzzzzzzzzzzzzzzzzzzz'), files },
    });
    expect(unknown.data.certificateImport).toEqual({
      report: null,
      userErrors: [{ code: 'NOT_FOUND', path: ['input', 'provider'] }],
    });
  });
});
