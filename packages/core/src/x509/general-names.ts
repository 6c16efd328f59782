import { children, content, readTlv, type Tlv } from './der.ts';
import { domainNameValid, uriHost } from './name-forms.ts';

/**
 * One GeneralName (RFC 5280 §4.2.1.6) in the four forms Go's crypto/x509 reads: rfc822Name [1],
 * dNSName [2], uniformResourceIdentifier [6] and iPAddress [7]. Every other form is `other`.
 */
export type GeneralName =
  | { readonly form: 'email' | 'dns' | 'uri'; readonly value: string }
  | { readonly form: 'ip'; readonly value: Uint8Array }
  | { readonly form: 'other' };

/** The names a certificate claims in its subjectAltName, as Go's parser keeps them. */
export interface ClaimedNames {
  readonly dns: readonly string[];
  readonly emails: readonly string[];
  readonly uris: readonly string[];
  /** 4 or 16 bytes each. */
  readonly ips: readonly Uint8Array[];
}

const FORMS: Readonly<Record<number, 'email' | 'dns' | 'uri' | 'ip'>> = {
  129: 'email',
  130: 'dns',
  134: 'uri',
  135: 'ip',
};

export function readGeneralName(bytes: Uint8Array, name: Tlv): GeneralName {
  const form = FORMS[name.tag];
  if (!form) return { form: 'other' };
  const value = content(bytes, name);
  if (form === 'ip') return { form, value };
  return { form, value: Buffer.from(value).toString('latin1') };
}

/** Go's isIA5String on `string(data)`: any byte above 0x7F is a rune above MaxASCII. */
export function isIa5(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Go crypto/x509/parser.go parseSANExtension. Undefined when Go's ParseCertificate refuses the
 * extension (a non-IA5 name, an IP of another length or IPv4-mapped IPv6, a URI Go cannot parse
 * or whose host is not a valid domain name): Go would not get as far as Verify.
 */
export function readClaimedNames(extnValue: Uint8Array): ClaimedNames | undefined {
  const dns: string[] = [];
  const emails: string[] = [];
  const uris: string[] = [];
  const ips: Uint8Array[] = [];
  for (const tlv of children(extnValue, readTlv(extnValue, 0))) {
    const name = readGeneralName(extnValue, tlv);
    if (name.form === 'other') continue;
    if (name.form === 'ip') {
      if (name.value.length !== 4 && name.value.length !== 16) return undefined;
      if (name.value.length === 16 && isIpv4Mapped(name.value)) return undefined;
      ips.push(name.value);
      continue;
    }
    if (!isIa5(name.value)) return undefined;
    if (name.form === 'uri') {
      const host = uriHost(name.value);
      if (host === undefined || (host.length > 0 && !domainNameValid(host, false))) return undefined;
      uris.push(name.value);
    } else (name.form === 'dns' ? dns : emails).push(name.value);
  }
  return { dns, emails, uris, ips };
}

export function isIpv4Mapped(ip: Uint8Array): boolean {
  return ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}

export function hasAnyName(names: ClaimedNames): boolean {
  return names.dns.length + names.emails.length + names.uris.length + names.ips.length > 0;
}
