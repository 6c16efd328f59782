import type { ParsedSeed } from '../control/seed-schema.ts';
import { generateToken, keyHash } from '../tokens/tokens.ts';
import { addClassicApi, addOasApi } from './apis.ts';
import { readCertificateUpload } from './certificate-upload.ts';
import { normaliseSession, parseSession } from './sessions.ts';
import type { MockStore } from './store.ts';

/** A seed entry that cannot be loaded; `path` points into the seed, like a zod issue path. */
export class SeedError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'SeedError';
  }
}

export interface SeedSummary {
  readonly certificates: string[];
  readonly apis: string[];
  readonly keys: string[];
}

/**
 * Adds a seed to the store (existing entries with the same ids are replaced). Validates every
 * certificate before writing anything, so a bad seed leaves the store as it was.
 */
export function applySeed(store: MockStore, seed: ParsedSeed, now: Date): SeedSummary {
  const certificates = seed.certificates.map((entry, i) => {
    const result = readCertificateUpload(entry.orgId, entry.pem, undefined);
    if (!result.ok) throw new SeedError(result.error.message, ['certificates', i, 'pem']);
    return result.certificate;
  });
  const sessions = seed.keys.map((entry, i) => {
    const session = parseSession(entry.session);
    if (!session) throw new SeedError('Session has a field of the wrong type', ['keys', i, 'session']);
    return { entry, session };
  });
  if (seed.settings?.pageSize) store.pageSize = seed.settings.pageSize;
  for (const org of seed.orgs) {
    store.orgs.add(org.id);
    for (const apiKey of org.apiKeys) store.dashboardKeys.set(apiKey, org.id);
  }
  for (const certificate of certificates) store.putCertificate(certificate);
  const apis = seed.apis.map((entry) =>
    'api_definition' in entry
      ? addClassicApi(store, entry.api_definition, now, entry)
      : addOasApi(store, entry.oas, now, entry),
  );
  const keys = sessions.map(({ entry, session }) => {
    const orgId = entry.session.org_id;
    const keyId = entry.keyId ?? generateToken(orgId);
    const normalised = normaliseSession(session, orgId, now, entry.session);
    // A seed read back from a state file comes back as clients left it, its timestamps included.
    const { last_updated: lastUpdated } = entry.session;
    if (typeof lastUpdated === 'string') normalised.last_updated = lastUpdated;
    store.keys.set(keyId, { keyId, keyHash: keyHash(keyId), session: normalised });
    return keyId;
  });
  return {
    certificates: certificates.map((c) => c.id),
    apis: apis.map((a) => String(a.definition.api_id)),
    keys,
  };
}
