import type { PkixName } from './dashboard-schemas.ts';

// The attribute names RFC 4514 and @peculiar/x509 (which writes the portal's own DNs) use for Go's
// `pkix.Name` attribute types (crypto/x509/pkix `attributeTypeNames`, plus the e-mail address).
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.17': 'postalCode',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

/**
 * RFC 4514 text of a distinguished name as the Dashboard gives it (Go's `pkix.Name` JSON): the
 * attributes of `Names`, last first, as Go's `pkix.Name.String` orders them. Go flattens
 * multi-valued RDNs, so each attribute is its own RDN here. Null when `Names` is absent or empty.
 */
export function pkixNameRfc4514(name: PkixName): string | null {
  const names = name.Names ?? [];
  if (names.length === 0) return null;
  return names
    .map(({ Type, Value }) => {
      const oid = Type.join('.');
      return `${SHORT_NAMES[oid] ?? oid}=${escapeValue(String(Value))}`;
    })
    .reverse()
    .join(',');
}

function escapeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}
