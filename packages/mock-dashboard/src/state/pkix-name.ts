import { children, content, decodeOid, readTlv, type Tlv } from '@repo/core/x509';

/** Go's `crypto/x509/pkix.Name` as `encoding/json` writes it: PascalCase, `null` for empty slices. */
export interface PkixName {
  Country: string[] | null;
  Organization: string[] | null;
  OrganizationalUnit: string[] | null;
  Locality: string[] | null;
  Province: string[] | null;
  StreetAddress: string[] | null;
  PostalCode: string[] | null;
  SerialNumber: string;
  CommonName: string;
  Names: { Type: number[]; Value: string }[] | null;
  ExtraNames: null;
}

type SliceField =
  | 'Country'
  | 'Organization'
  | 'OrganizationalUnit'
  | 'Locality'
  | 'Province'
  | 'StreetAddress'
  | 'PostalCode';

// The attribute types `pkix.Name.FillFromRDNSequence` copies into named fields (2.5.4.x).
const SLICE_FIELDS: Readonly<Record<string, SliceField>> = {
  '2.5.4.6': 'Country',
  '2.5.4.7': 'Locality',
  '2.5.4.8': 'Province',
  '2.5.4.9': 'StreetAddress',
  '2.5.4.10': 'Organization',
  '2.5.4.11': 'OrganizationalUnit',
  '2.5.4.17': 'PostalCode',
};

/**
 * Builds the Dashboard's `issuer`/`subject` object from a DER `Name`, in the order Go does:
 * every string attribute goes to `Names`; the known ones also to their field; the last CN wins.
 */
export function pkixName(nameDer: Uint8Array): PkixName {
  const name: PkixName = {
    Country: null,
    Organization: null,
    OrganizationalUnit: null,
    Locality: null,
    Province: null,
    StreetAddress: null,
    PostalCode: null,
    SerialNumber: '',
    CommonName: '',
    Names: null,
    ExtraNames: null,
  };
  const sequence = readTlv(nameDer, 0);
  for (const set of children(nameDer, sequence)) {
    for (const attribute of children(nameDer, set)) {
      const [typeTlv, valueTlv] = children(nameDer, attribute);
      if (!typeTlv || !valueTlv) continue;
      const value = decodeString(nameDer, valueTlv);
      if (value === undefined) continue; // Go skips values that are not strings
      // Go's asn1.ObjectIdentifier: the arcs as numbers.
      const type = decodeOid(content(nameDer, typeTlv)).split('.').map(Number);
      name.Names = [...(name.Names ?? []), { Type: type, Value: value }];
      const oid = type.join('.');
      if (oid === '2.5.4.3') name.CommonName = value;
      else if (oid === '2.5.4.5') name.SerialNumber = value;
      else {
        const field = SLICE_FIELDS[oid];
        if (field) name[field] = [...(name[field] ?? []), value];
      }
    }
  }
  return name;
}

function decodeString(der: Uint8Array, tlv: Tlv): string | undefined {
  const bytes = Buffer.from(der.subarray(tlv.start, tlv.end));
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      return bytes.toString('utf8');
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // T61String, which Go reads as Latin-1
    case 0x16: // IA5String
      return bytes.toString('latin1');
    case 0x1e: // BMPString, UTF-16BE
      return bytes.swap16().toString('utf16le');
    default:
      return undefined;
  }
}
