import { basename, extname } from 'node:path';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { parseInput } from '../validation.ts';
import { tykCertificateId } from '../x509/fingerprints.ts';
import { splitPemBundle } from '../x509/pem.ts';
import { UnknownOrganisationError } from './certificate.errors.ts';
import * as repo from './certificate.repo.ts';
import type { UploadOutcome } from './certificate.ts';
import type { CertificateContext } from './certificate-context.ts';
import { validateUpload } from './certificate-inspect.ts';
import { uploadCertificate } from './certificate-upload.ts';

/*
 * Bulk import: many certificates in one call, from PEM bundles (several certificates in one file)
 * or a list of files. Each certificate block is one item and goes through the single upload path
 * (the same checks, the same Dashboard registration, the same audit event), so an item is refused
 * with exactly the code an upload of it alone would get, and a refusal never stops the others. A
 * dry run parses and checks every item and says what it would do, touching neither the Dashboard
 * nor the store. Memory is bounded by the input: the items are processed a few at a time and each
 * leaves only its small result behind.
 */

/** At most this many items per call; a larger fleet is imported in several calls. */
export const MAX_IMPORT_ITEMS = 5_000;
/** The bundle texts together; 5,000 certificates of 2 KiB each fit with room to spare. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
/** Items uploaded at the same time: the Dashboard sees a few requests, not a thousand. */
const CONCURRENCY = 4;
/** Once the Dashboard cannot be reached, later items are not tried (each would wait for its timeout). */
const UNREACHABLE = new Set(['DASHBOARD_UNREACHABLE', 'DASHBOARD_TIMEOUT']);

const importInput = z.object({
  providerId: z.string().min(1, 'is required'),
  files: z
    .array(z.object({ name: z.string().max(500).nullish(), text: z.string() }))
    .min(1, 'at least one file is required'),
  organisationIds: z.array(z.string().min(1)).max(100).optional(),
  /** `{cn}`, `{n}` (1-based position in the import) and `{file}` (its base name) are replaced. */
  namePattern: z.string().trim().min(1).max(200).nullish(),
  dryRun: z.boolean().optional(),
});
export type ImportInput = z.input<typeof importInput>;

/** What happened to one item; a dry run says what would. */
export type ImportOutcome = UploadOutcome | 'REFUSED';

export interface ImportItem {
  /** 1-based, in input order across all files. */
  readonly index: number;
  readonly file: string | null;
  /** 1-based position of the block in its file. */
  readonly block: number;
  readonly outcome: ImportOutcome;
  readonly certificateId: string | null;
  readonly tykId: string | null;
  readonly subjectCn: string | null;
  readonly name: string | null;
  /** Why it was refused, as an upload of it alone would say. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly total: number;
  readonly counts: Readonly<Record<ImportOutcome, number>>;
  readonly items: readonly ImportItem[];
}

/** Progress after each item: what the subscription carries. */
export interface ImportProgress {
  readonly done: number;
  readonly total: number;
  readonly counts: Readonly<Record<ImportOutcome, number>>;
}

export type ImportError = ForbiddenError | InvalidInputError | NotFoundError | UnknownOrganisationError;

interface Pending {
  readonly index: number;
  readonly file: string | null;
  readonly block: number;
  readonly pem: string;
}

export async function importCertificates(
  ctx: CertificateContext,
  input: ImportInput,
  actor: Actor,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<Result<ImportReport, ImportError>> {
  if (actor.kind === 'CONSUMER') return Err(new ForbiddenError('Only admins import certificates.'));
  const parsed = parseInput(importInput, input);
  if (!parsed.ok) return parsed;
  const { providerId, files, organisationIds = [], namePattern, dryRun = false } = parsed.value;
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text, 'utf8'), 0);
  if (bytes > MAX_IMPORT_BYTES)
    return Err(tooLarge(`The files hold ${bytes} bytes; the limit is ${MAX_IMPORT_BYTES}.`));
  const pending = itemsOf(files);
  if (pending.length > MAX_IMPORT_ITEMS)
    return Err(tooLarge(`The files hold ${pending.length} blocks; at most ${MAX_IMPORT_ITEMS} per import.`));
  const provider = await ctx.providers.get(providerId);
  if (!provider) return Err(new NotFoundError('provider', providerId, ['providerId']));
  const missing = await repo.missingOrganisationIds(ctx.deps.db, organisationIds);
  if (missing.length > 0) return Err(new UnknownOrganisationError(missing));

  const counts: Record<ImportOutcome, number> = { CREATED: 0, RESTORED: 0, UPDATED: 0, REFUSED: 0 };
  const items: ImportItem[] = new Array(pending.length);
  let done = 0;
  const record = (i: number, result: ImportItem) => {
    items[i] = result;
    counts[result.outcome]++;
    done++;
    onProgress({ done, total: pending.length, counts: { ...counts } });
  };
  const checked = pending.map((item): Checked | ImportItem => {
    const valid = validateUpload(item.pem, ctx.now());
    if (!valid.ok) return refused(item, valid.error);
    const subjectCn = valid.value.leaf.subject.cn;
    const name = namePattern ? nameFrom(namePattern, item, subjectCn) : null;
    const tykId = tykCertificateId(provider.orgId, valid.value.leaf.fingerprints.sha256);
    return { item, base: { index: item.index, file: item.file, block: item.block, tykId, subjectCn, name } };
  });

  if (dryRun) {
    // What an import would do, from one read of the store for every item.
    const tykIds = checked.flatMap((c) => ('base' in c ? [c.base.tykId] : []));
    const existing = await repo.findByTykIds(ctx.deps.db, providerId, tykIds);
    for (const [i, c] of checked.entries()) {
      if (!('base' in c)) {
        record(i, c);
        continue;
      }
      const row = existing.get(c.base.tykId);
      const outcome = !row ? 'CREATED' : row.deletedAt ? 'RESTORED' : 'UPDATED';
      record(i, { ...c.base, outcome, certificateId: row?.id ?? null, error: null });
    }
    return Ok({ dryRun, total: pending.length, counts, items });
  }

  let unreachable: { code: string; message: string } | undefined;
  const one = async (c: Checked | ImportItem): Promise<ImportItem> => {
    if (!('base' in c)) return c;
    const { item, base } = c;
    if (unreachable) return { ...base, outcome: 'REFUSED', certificateId: null, error: unreachable };
    const uploaded = await uploadCertificate(
      ctx,
      { providerId, pem: item.pem, organisationIds, ...(base.name ? { name: base.name } : {}) },
      actor,
    );
    if (!uploaded.ok) {
      if (UNREACHABLE.has(uploaded.error.code))
        unreachable = {
          code: uploaded.error.code,
          message: `Not tried: the Dashboard could not be reached (${uploaded.error.message}).`,
        };
      return { ...base, ...refused(item, uploaded.error), tykId: base.tykId, subjectCn: base.subjectCn };
    }
    const { certificate, outcome } = uploaded.value;
    return { ...base, name: certificate.name, outcome, certificateId: certificate.id, error: null };
  };

  let next = 0;
  const lanes = Array.from({ length: Math.min(CONCURRENCY, pending.length) }, async () => {
    for (let i = next++; i < pending.length; i = next++) record(i, await one(checked[i]!));
  });
  await Promise.all(lanes);
  return Ok({ dryRun, total: pending.length, counts, items });
}

/** Every block of every file, numbered; a file without any block is one item (refused as empty). */
function itemsOf(files: readonly { name?: string | null | undefined; text: string }[]): Pending[] {
  const items: Pending[] = [];
  for (const file of files) {
    const blocks = splitPemBundle(file.text);
    const name = file.name ?? null;
    if (blocks.length === 0) items.push({ index: items.length + 1, file: name, block: 1, pem: file.text });
    for (const [i, block] of blocks.entries())
      items.push({ index: items.length + 1, file: name, block: i + 1, pem: block.pem });
  }
  return items;
}

/** An item that passed the single upload's checks, with what its report line says before the upload. */
interface Checked {
  readonly item: Pending;
  readonly base: Pick<ImportItem, 'index' | 'file' | 'block' | 'subjectCn' | 'name'> & {
    readonly tykId: string;
  };
}

function refused(item: Pending, error: { code: string; message: string }): ImportItem {
  return {
    index: item.index,
    file: item.file,
    block: item.block,
    outcome: 'REFUSED',
    certificateId: null,
    tykId: null,
    subjectCn: null,
    name: null,
    error: { code: error.code, message: error.message },
  };
}

function nameFrom(pattern: string, item: Pending, cn: string | null): string {
  const file = item.file ? basename(item.file, extname(item.file)) : '';
  return pattern
    .replaceAll('{cn}', cn ?? '')
    .replaceAll('{n}', String(item.index))
    .replaceAll('{file}', file)
    .trim();
}

function tooLarge(message: string): InvalidInputError {
  return new InvalidInputError(message, { path: ['files'] });
}
