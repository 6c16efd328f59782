import {
  type CERTIFICATE_STATUSES,
  type Certificate as CertificateModel,
  type CertificateSummary,
  daysUntilExpiry,
  ID_PREFIXES,
} from '@repo/core';
import type { Context } from '../context.ts';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { Fingerprints, LintWarning } from './certificate-parts.ts';
import { Organisation } from './organisations.ts';
import { Provider } from './providers.ts';
import { registerNodeIdPrefix } from './user-errors.ts';

/** A full record (by id, from a mutation) or a listing's summary row. */
type CertificateShape = CertificateModel | CertificateSummary;

export const Certificate = builder.objectRef<CertificateShape>('Certificate');
registerNodeIdPrefix(ID_PREFIXES.certificate, 'Certificate');

export const CertificateStatus = builder.enumType('CertificateStatus', {
  description:
    'Where a certificate stands now: from its validity dates, or waiting for the approval of the ' +
    'Self-Serve request it came with.',
  values: {
    VALID: { description: 'Valid, and not within the expiry warning window.' },
    EXPIRING_SOON: { description: "Valid, but ends within 30 days (the window of Tyk's expiry monitor)." },
    EXPIRED: { description: 'Past its notAfter: the Gateway refuses it.' },
    NOT_YET_VALID: { description: 'Before its notBefore.' },
    PENDING_APPROVAL: {
      description:
        'Supplied with a Self-Serve access request that is still PENDING: held by the portal, in no ' +
        'Dashboard yet and used by no grant. Approval registers it; after a rejection it shows its ' +
        'validity again. An expired one is EXPIRED.',
    },
  } satisfies Record<(typeof CERTIFICATE_STATUSES)[number], unknown>,
});

const CertificateSource = builder.enumType('CertificateSource', {
  description: 'How the portal came to know a certificate.',
  values: {
    PORTAL: { description: 'Uploaded through the portal: every detail of the PEM is known.' },
    DASHBOARD: { description: "Found in the Dashboard's store by a sync: only what its listing says." },
  } as const,
});

/** Why a field of a certificate found by sync (source DASHBOARD) can be null. */
const DN_DOC =
  'set for certificates found by sync from the DNs `/api/certs/details` gives; null only when the Dashboard ' +
  'predates that listing (`mode=detailed` has common names alone).';
const NOT_FROM_DASHBOARD_DOC =
  "null for certificates found by sync: the Dashboard's API gives no PEM, serial or key details (only " +
  'certificates uploaded through the portal have them).';

builder.node(Certificate, {
  description: "The portal's record of a client certificate in a provider's store. The PEM is never shown.",
  id: { resolve: (certificate) => certificate.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.certificates, ids),
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: 'Portal-only label; never sent to Tyk.' }),
    tykId: t.exposeString('tykId', { description: "Tyk's id: the provider's org id + the SHA-256." }),
    pem: t.string({
      nullable: true,
      description:
        'The public PEM of the leaf, kept for every certificate that came through the portal (upload, ' +
        'Self-Serve); null for certificates found by sync, as the Dashboard never answers a PEM.',
      resolve: (c, _args, ctx) => ctx.loaders.certificatePems.load(c.id),
    }),
    source: t.expose('source', { type: CertificateSource, description: 'How the portal knows it.' }),
    status: t.expose('status', {
      type: CertificateStatus,
      description: 'Where it stands now, with the fixed 30-day warning window: the same in every listing.',
    }),
    daysUntilExpiry: t.int({
      description: 'Whole days until notAfter: 0 on its last day, negative once it has ended.',
      resolve: (certificate) => daysUntilExpiry(certificate, new Date()),
    }),
    fingerprints: t.field({ type: Fingerprints, description: 'Its fingerprints.', resolve: (c) => c }),
    subjectDn: t.string({
      nullable: true,
      description: `Subject (RFC 4514); ${DN_DOC}`,
      resolve: detail('subjectDn'),
    }),
    subjectCn: t.exposeString('subjectCn', { nullable: true, description: 'Subject common name.' }),
    issuerDn: t.string({
      nullable: true,
      description: `Issuer (RFC 4514); ${DN_DOC}`,
      resolve: detail('issuerDn'),
    }),
    issuerCn: t.string({
      nullable: true,
      description: 'Issuer common name.',
      resolve: detail('issuerCn'),
    }),
    serialNumber: t.string({
      nullable: true,
      description: `Hex serial; ${NOT_FROM_DASHBOARD_DOC}`,
      resolve: detail('serialNumber'),
    }),
    notBefore: t.expose('notBefore', { type: 'DateTime', description: 'Start of validity.' }),
    notAfter: t.expose('notAfter', { type: 'DateTime', description: 'End of validity (inclusive).' }),
    isCa: t.boolean({
      description: 'A CA certificate (basicConstraints CA:TRUE).',
      resolve: detail('isCa'),
    }),
    hasPrivateKey: t.boolean({
      description: 'The Dashboard holds its private key: a server certificate, not a client one.',
      resolve: detail('hasPrivateKey'),
    }),
    subjectAltNames: t.stringList({
      description: 'SAN entries as `type:value`: `dns:api.example.com`, `ip:10.0.0.1`, `email:…`, `uri:…`.',
      resolve: detail('subjectAltNames'),
    }),
    keyAlgorithm: t.string({
      nullable: true,
      description: `\`RSA-2048\`, \`EC-P-256\`, …; ${NOT_FROM_DASHBOARD_DOC}`,
      resolve: detail('keyAlgorithm'),
    }),
    signatureAlgorithm: t.string({
      nullable: true,
      description: `As signed; ${NOT_FROM_DASHBOARD_DOC}`,
      resolve: detail('signatureAlgorithm'),
    }),
    extendedKeyUsage: t.stringList({
      nullable: true,
      description: 'Extended key usages (`clientAuth`, …); null when absent or unknown.',
      resolve: async (c, _args, ctx) => stringList((await details(c, ctx)).metadata.extendedKeyUsage),
    }),
    lintWarnings: t.field({
      type: [LintWarning],
      description: 'What may stop it working as a client certificate.',
      resolve: async (c, _args, ctx) => (await details(c, ctx)).lintWarnings.map((w) => ({ block: 1, ...w })),
    }),
    registeredAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "When the provider's store accepted it.",
      resolve: detail('registeredAt'),
    }),
    lastSeenAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a sync last found it in the store.',
      resolve: detail('lastSeenAt'),
    }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Set while it is gone from the store; it comes back with its name and organisations.',
    }),
    suspendedAt: t.expose('suspendedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'Set while an admin has it suspended (`certificateSuspend`): it is on no allow list or key binding the ' +
        'portal placed, and its grants show `accessLostReason: CERTIFICATE_SUSPENDED` when it was their last.',
    }),
    suspendReason: t.field({
      type: 'String',
      nullable: true,
      description: 'Why it is suspended, as the admin said; null when it is not.',
      resolve: detail('suspendReason'),
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the portal first knew it.',
      resolve: detail('createdAt'),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When its record last changed.',
      resolve: detail('updatedAt'),
    }),
    provider: t.field({
      type: Provider,
      nullable: true,
      description: 'The Dashboard whose store holds it; null for consumers, who do not see providers.',
      resolve: (c, _args, ctx) => ctx.loaders.providers.load(c.providerId),
    }),
    organisations: t.field({
      type: [Organisation],
      description: 'Organisations it is associated with (a consumer sees only its own).',
      resolve: async (c, _args, ctx) => {
        // A listing row brings its organisations (already scoped to a consumer's own).
        if ('organisations' in c) return c.organisations;
        const ids = await ctx.loaders.certificateOrganisationIds.load(c.id);
        const organisations = await loadAll(ctx.loaders.organisations, ids);
        return organisations.filter((o) => o !== null);
      },
    }),
  }),
});

/** A field's resolver that reads it from the full record (see `details`). */
function detail<K extends keyof CertificateModel>(key: K) {
  return async (c: CertificateShape, _args: unknown, ctx: Context): Promise<CertificateModel[K]> =>
    (await details(c, ctx))[key];
}

/**
 * The full record behind a listing row: the rows of a page that are asked for a detail field load
 * in one batched statement. A full record is its own details.
 */
async function details(c: CertificateShape, ctx: Context): Promise<CertificateModel> {
  if (!('organisations' in c)) return c;
  const full = await ctx.loaders.certificates.load(c.id);
  // The listing showed it to this caller a moment ago; only a concurrent removal gets here.
  if (!full) throw new Error(`certificate ${c.id} is no longer visible`);
  return full;
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
}

export const CertificateConnection = builder.connectionObject(
  {
    type: Certificate,
    name: 'CertificateConnection',
    description: 'A page of certificates.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many certificates match the filter, over every page.',
        resolve: (connection) => (connection as { totalCount?: number }).totalCount ?? 0,
      }),
    }),
  },
  { name: 'CertificateEdge', description: 'A certificate in a page, with its cursor.' },
);
