// Bulk import (core's certificate-import.ts): a mutation with per-item results, and a subscription
// that follows an import's progress under a key the caller chose before starting it.
import type { ImportItem, ImportReport, KeyedImportProgress } from '@repo/core';
import { Repeater } from 'graphql-yoga';
import { viewerOf } from '../context.ts';
import { builder } from './builder.ts';
import { Certificate } from './certificates.ts';
import { Organisation } from './organisations.ts';
import { payloadType } from './payloads.ts';
import { Provider } from './providers.ts';
import { settle, UserErrorCode } from './user-errors.ts';

const Outcome = builder.enumType('CertificateImportOutcome', {
  description: 'What an import did with one certificate (in a dry run: what it would do).',
  values: {
    CREATED: { description: 'A new record, registered in the Dashboard.' },
    RESTORED: { description: 'A soft-deleted record came back, with its name and organisations.' },
    UPDATED: {
      description: 'Already present: the live record was refreshed (organisations added, name set).',
    },
    REFUSED: { description: 'Not stored; `error` says why, as an upload of it alone would.' },
  } as const,
});

const Refusal = builder.objectRef<{ code: string; message: string }>('CertificateImportRefusal').implement({
  description: 'Why one item was not stored.',
  fields: (t) => ({
    code: t.field({
      type: UserErrorCode,
      description: 'The code an upload of this certificate alone gets.',
      resolve: (r) => r.code as never,
    }),
    message: t.exposeString('message', { description: 'For people.' }),
  }),
});

const Counts = builder.objectRef<Readonly<Record<string, number>>>('CertificateImportCounts').implement({
  description: 'How many items ended each way.',
  fields: (t) => ({
    created: t.int({ description: 'New records.', resolve: (c) => c.CREATED ?? 0 }),
    restored: t.int({ description: 'Soft-deleted records back.', resolve: (c) => c.RESTORED ?? 0 }),
    updated: t.int({ description: 'Already present.', resolve: (c) => c.UPDATED ?? 0 }),
    refused: t.int({ description: 'Not stored.', resolve: (c) => c.REFUSED ?? 0 }),
  }),
});

const Item = builder.objectRef<ImportItem>('CertificateImportItem').implement({
  description: 'One certificate block of the files, and what became of it.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: '1-based, in input order across all files.' }),
    file: t.exposeString('file', { nullable: true, description: 'The file it came from, as named.' }),
    block: t.exposeInt('block', { description: '1-based position of the block in its file.' }),
    outcome: t.expose('outcome', { type: Outcome, description: 'What happened to it.' }),
    certificate: t.field({
      type: Certificate,
      nullable: true,
      description: 'The record (for a dry run, the existing one it would update or restore).',
      resolve: (i, _args, ctx) => (i.certificateId ? ctx.loaders.certificates.load(i.certificateId) : null),
    }),
    tykId: t.exposeString('tykId', { nullable: true, description: "Tyk's id for it on this provider." }),
    subjectCn: t.exposeString('subjectCn', { nullable: true, description: "The certificate's subject CN." }),
    name: t.exposeString('name', { nullable: true, description: 'The portal name it got (or would get).' }),
    error: t.expose('error', { type: Refusal, nullable: true, description: 'Why it was refused.' }),
  }),
});

const Report = builder.objectRef<ImportReport>('CertificateImportReport').implement({
  description: 'Every item of an import, in input order, and the counts.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', {
      description: 'Nothing was changed: the outcomes are what would happen.',
    }),
    total: t.exposeInt('total', { description: 'Items (certificate blocks, and files without one).' }),
    counts: t.expose('counts', { type: Counts, description: 'How many ended each way.' }),
    items: t.expose('items', { type: [Item], description: 'Each item, in input order.' }),
  }),
});

const Progress = builder.objectRef<KeyedImportProgress>('CertificateImportProgress').implement({
  description: 'An import after one more item.',
  fields: (t) => ({
    progressKey: t.exposeString('key', { description: 'The key the import was started with.' }),
    done: t.exposeInt('done', { description: 'Items finished.' }),
    total: t.exposeInt('total', { description: 'Items in all.' }),
    counts: t.expose('counts', { type: Counts, description: 'How many ended each way so far.' }),
  }),
});

const FileInput = builder.inputType('CertificateImportFile', {
  description: 'One file: a PEM bundle of one or more certificates.',
  fields: (t) => ({
    name: t.string({ description: 'Its name, for the report and `{file}` in the name pattern.' }),
    text: t.string({ required: true, description: 'Its text; each certificate block is one item.' }),
  }),
});

const ImportInput = builder.inputType('CertificateImportInput', {
  description: "Many certificates for a provider's store, with what applies to them all.",
  fields: (t) => ({
    provider: t.globalID({ for: Provider, required: true, description: 'The store to register them in.' }),
    files: t.field({
      type: [FileInput],
      required: true,
      description: 'The files (at most 5,000 blocks, 16 MiB).',
    }),
    organisations: t.globalIDList({
      for: Organisation,
      description: 'Organisations to associate with each.',
    }),
    namePattern: t.string({
      description:
        'A portal name for each: `{cn}`, `{n}` (position in the import) and `{file}` are replaced.',
    }),
    dryRun: t.boolean({ description: 'Check every item and say what would happen, changing nothing.' }),
    progressKey: t.string({
      description:
        'Publish progress under this key (`certificateImportProgress`); subscribe before starting.',
    }),
  }),
});

builder.mutationField('certificateImport', (t) =>
  t.withAuth({ admin: true }).field({
    type: payloadType('CertificateImportPayload', {
      description: 'The report, or why nothing was tried.',
      field: 'report',
      type: Report,
      fieldDescription: 'What became of each item.',
    }),
    description:
      'Imports many certificates at once: every certificate block of the files is one item, uploaded as ' +
      '`certificateUpload` would (same checks, same audit), a few at a time; a refused item never stops the ' +
      'others. `dryRun` first says what would happen. Admins only.',
    args: { input: t.arg({ type: ImportInput, required: true, description: 'The files and options.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.certificates.import(
          {
            providerId: input.provider.id,
            files: input.files,
            organisationIds: input.organisations?.map((o) => o.id),
            namePattern: input.namePattern,
            dryRun: input.dryRun ?? false,
          },
          ctx.viewer.actor,
          input.progressKey ? { progressKey: input.progressKey } : {},
        ),
        { subject: 'provider' },
      ),
  }),
);

builder.subscriptionField('certificateImportProgress', (t) =>
  t.field({
    type: Progress,
    description:
      'Progress of the import started on this server process with this `progressKey`: one event per item; ' +
      'the stream ends after the last. Admins only.',
    authScopes: { admin: true },
    args: { progressKey: t.arg.string({ required: true, description: 'The key given to the import.' }) },
    subscribe: (_root, args, ctx) =>
      ctx.subscriptions.hold(
        viewerOf(ctx).user.id,
        new Repeater<KeyedImportProgress>(async (push, stop) => {
          const unsubscribe = ctx.core.certificates.importEvents.subscribe((event) => {
            if (event.key !== args.progressKey) return;
            void push(event);
            if (event.done === event.total) stop();
          });
          await stop;
          unsubscribe();
        }),
      ),
    resolve: (event: KeyedImportProgress) => event,
  }),
);
