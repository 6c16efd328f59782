import { isIP } from 'node:net';
import { children, readTlv, TAG, type Tlv } from './der.ts';
import { type ClaimedNames, isIa5, isIpv4Mapped, readGeneralName } from './general-names.ts';
import { domainNameValid, lowerAscii, type Mailbox, parseMailbox, uriHost } from './name-forms.ts';

interface IpRange {
  readonly ip: Uint8Array;
  readonly mask: Uint8Array;
}

interface Subtrees {
  readonly dns: string[];
  readonly emails: string[];
  readonly uris: string[];
  readonly ips: IpRange[];
}

/** A CA's nameConstraints extension (RFC 5280 §4.2.1.10) in the forms Go enforces. */
export interface NameConstraints {
  readonly permitted: Subtrees;
  readonly excluded: Subtrees;
  /** A subtree of a form Go skips (directoryName, otherName…): unhandled if the extension is critical. */
  readonly unhandled: boolean;
}

/**
 * Go crypto/x509/parser.go parseNameConstraintsExtension. Undefined when Go's ParseCertificate
 * refuses the extension (empty, or a DNS/email/URI/IP constraint it cannot read).
 */
export function readNameConstraints(extnValue: Uint8Array): NameConstraints | undefined {
  const outer = readTlv(extnValue, 0);
  if (outer.tag !== TAG.SEQUENCE || outer.end !== extnValue.length) return undefined;
  const parts = children(extnValue, outer);
  let i = 0;
  const permitted = parts[i]?.tag === 0xa0 ? parts[i++] : undefined;
  const excluded = parts[i]?.tag === 0xa1 ? parts[i++] : undefined;
  if (i !== parts.length) return undefined;
  const size = (t: Tlv | undefined) => (t ? t.end - t.start : 0);
  if (size(permitted) === 0 && size(excluded) === 0) return undefined; // "empty name constraints extension"
  const state = { unhandled: false };
  const p = permitted ? readSubtrees(extnValue, permitted, state) : emptySubtrees();
  const e = excluded ? readSubtrees(extnValue, excluded, state) : emptySubtrees();
  return p && e ? { permitted: p, excluded: e, unhandled: state.unhandled } : undefined;
}

function readSubtrees(bytes: Uint8Array, subtrees: Tlv, state: { unhandled: boolean }): Subtrees | undefined {
  const out = emptySubtrees();
  for (const subtree of children(bytes, subtrees)) {
    const base = subtree.tag === TAG.SEQUENCE ? children(bytes, subtree)[0] : undefined;
    if (!base) return undefined;
    const name = readGeneralName(bytes, base);
    if (name.form === 'other') {
      state.unhandled = true;
    } else if (name.form === 'ip') {
      const range = ipRange(name.value);
      if (!range) return undefined;
      out.ips.push(range);
    } else {
      if (!isIa5(name.value)) return undefined;
      const valid =
        name.form === 'email' && name.value.includes('@')
          ? parseMailbox(name.value) !== undefined
          : (name.form !== 'uri' || isIP(name.value) === 0) && domainNameValid(name.value, true);
      if (!valid) return undefined;
      (name.form === 'dns' ? out.dns : name.form === 'uri' ? out.uris : out.emails).push(name.value);
    }
  }
  return out;
}

function ipRange(value: Uint8Array): IpRange | undefined {
  if (value.length !== 8 && value.length !== 32) return undefined;
  const ip = value.subarray(0, value.length / 2);
  const mask = value.subarray(value.length / 2);
  // isValidIPMask: ones, then zeros.
  const bits = Array.from(mask, (b) => b.toString(2).padStart(8, '0')).join('');
  if (/01/.test(bits)) return undefined;
  if (ip.length === 16 && isIpv4Mapped(ip)) return undefined;
  return { ip, mask };
}

function emptySubtrees(): Subtrees {
  return { dns: [], emails: [], uris: [], ips: [] };
}

/**
 * Go crypto/x509/constraints.go checkChainConstraints for the only chain Tyk builds, [leaf, CA]:
 * the CA's constraints bind the leaf's SAN names (a leaf without a SAN extension is not checked;
 * its CN never is). A name Go cannot match (a bad DNS name, a URI without a domain host, an
 * unparseable mailbox) fails the chain whatever the constraints.
 */
export function permitsNames(constraints: NameConstraints, names: ClaimedNames): boolean {
  const { permitted: p, excluded: e } = constraints;
  const uriDomains = names.uris.map(uriDomain);
  const mailboxes = names.emails.map(parseMailbox);
  if (uriDomains.includes(undefined) || mailboxes.includes(undefined)) return false;
  return (
    names.ips.every((ip) => allowed(p.ips, e.ips, ip, ipQuery)) &&
    names.dns.every((d) => domainNameValid(d, false) && allowed(p.dns, e.dns, d, dnsQuery)) &&
    uriDomains.every((d) => domainNameValid(d!, false) && allowed(p.uris, e.uris, d!, dnsQuery)) &&
    mailboxes.every((m) => {
      const mailbox = { local: m!.local, domain: lowerAscii(m!.domain) };
      return domainNameValid(mailbox.domain, false) && allowed(p.emails, e.emails, mailbox, emailQuery);
    })
  );
}

/** constraints.go checkConstraints: permitted subtrees of the form, if any, must match; no excluded one may. */
function allowed<C, V>(
  permitted: readonly C[],
  excluded: readonly C[],
  value: V,
  query: (constraints: readonly C[], value: V, isPermitted: boolean) => boolean,
): boolean {
  if (permitted.length > 0 && !query(permitted, value, true)) return false;
  return excluded.length === 0 || !query(excluded, value, false);
}

/** constraints.go parseURIs: the host without its port, lower-cased; IP and empty hosts cannot match. */
function uriDomain(uri: string): string | undefined {
  const host = uriHost(uri);
  if (!host) return undefined;
  let domain = host;
  if (host.includes(':') && !host.endsWith(']')) {
    const parts = host.split(':');
    if (parts.length !== 2) return undefined; // net.SplitHostPort: too many colons
    domain = parts[0]!;
  }
  if (isIP(domain) !== 0 || (domain.startsWith('[') && domain.endsWith(']'))) return undefined;
  return lowerAscii(domain);
}

/** ipConstraints.query: a range of the address's own family (4 or 16 bytes) contains it. */
function ipQuery(ranges: readonly IpRange[], ip: Uint8Array): boolean {
  return ranges.some(
    (range) =>
      range.ip.length === ip.length &&
      range.ip.every((b, i) => (b & range.mask[i]!) === (ip[i]! & range.mask[i]!)),
  );
}

/** constraints.go dnsConstraints.query: label-suffix match, '' matches all, wildcard parents for exclusions. */
function dnsQuery(constraints: readonly string[], name: string, isPermitted: boolean): boolean {
  if (constraints.includes('')) return true;
  if (constraints.some((c) => dnsHasSuffix(c, name))) return true;
  if (isPermitted || !name.startsWith('*')) return false;
  const parent = trimFirstLabel(lowerAscii(name));
  return constraints.some((c) => {
    const trimmed = trimFirstLabel(lowerAscii(c));
    return trimmed !== '' && trimmed === parent;
  });
}

/** constraints.go emailConstraints.query: exact mailboxes (domain case-insensitive), else hostConstraints. */
function emailQuery(constraints: readonly string[], mailbox: Mailbox): boolean {
  return constraints.some((c) => {
    if (!c.includes('@')) return hostMatchesConstraint(c, mailbox.domain);
    const exact = parseMailbox(c);
    return (
      exact !== undefined && exact.local === mailbox.local && lowerAscii(exact.domain) === mailbox.domain
    );
  });
}

/** constraints.go hostMatchesConstraint: without a leading period the host must match exactly. */
function hostMatchesConstraint(constraint: string, host: string): boolean {
  if (constraint === '') return true;
  if (!constraint.startsWith('.') && constraint.length !== host.length) return false;
  return dnsHasSuffix(constraint, host);
}

/** constraints.go dnsHasSuffix: `b` ends with `a` on a label boundary, ASCII case-insensitively. */
function dnsHasSuffix(a: string, b: string): boolean {
  if (a.length > b.length) return false;
  const offset = b.length - a.length;
  if (lowerAscii(a) !== lowerAscii(b.slice(offset))) return false;
  return a.startsWith('.') || offset === 0 || b[offset - 1] === '.';
}

function trimFirstLabel(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}
