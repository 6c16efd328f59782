// The new-product form's answers as productCreate's input. Pure.
import type { CertificateMode } from '../../graphql/generated.ts';

export interface ProductInput {
  readonly provider: string;
  readonly name: string;
  readonly apiIds: string[];
  readonly certificateMode?: CertificateMode;
  readonly bindCertificateToToken?: boolean;
}

const MODES: Readonly<Record<string, CertificateMode>> = {
  managed: 'MANAGED',
  m: 'MANAGED',
  'self-serve': 'SELF_SERVE',
  selfserve: 'SELF_SERVE',
  self: 'SELF_SERVE',
  s: 'SELF_SERVE',
};
const YES_NO: Readonly<Record<string, boolean>> = { yes: true, y: true, no: false, n: false };

/**
 * `providers`: every provider's id and name; an empty provider answer means the only one there is.
 * An empty mode or binding leaves the server's default (Self-Serve, not bound).
 */
export function productInput(
  v: Readonly<Record<string, string>>,
  providers: readonly { id: string; name: string }[],
): { ok: true; input: ProductInput } | { ok: false; message: string } {
  const providerName = (v.provider ?? '').trim().toLowerCase();
  const provider =
    providerName === ''
      ? providers.length === 1
        ? providers[0]
        : undefined
      : providers.find((p) => p.name.toLowerCase() === providerName);
  if (!provider)
    return {
      ok: false,
      message: providerName ? `No provider is named ${v.provider?.trim()}.` : 'Name the provider.',
    };
  const apiIds = (v.apiIds ?? '').split(/[\s,]+/).filter(Boolean);
  if (apiIds.length === 0) return { ok: false, message: "Give at least one API's api_id." };
  const modeWord = (v.mode ?? '').trim().toLowerCase();
  const mode = modeWord === '' ? undefined : MODES[modeWord];
  if (modeWord !== '' && !mode) return { ok: false, message: 'Mode is managed or self-serve.' };
  const bindWord = (v.bind ?? '').trim().toLowerCase();
  const bind = bindWord === '' ? undefined : YES_NO[bindWord];
  if (bindWord !== '' && bind === undefined) return { ok: false, message: 'Binding is yes or no.' };
  return {
    ok: true,
    input: {
      provider: provider.id,
      name: (v.name ?? '').trim(),
      apiIds,
      ...(mode ? { certificateMode: mode } : {}),
      ...(bind === undefined ? {} : { bindCertificateToToken: bind }),
    },
  };
}
