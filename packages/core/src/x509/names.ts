import type { Name } from './peculiar.ts';

/** RFC 4514 string of a distinguished name: last RDN first, `,` between RDNs, `+` inside one. */
export function rfc4514(name: Name): string {
  return name
    .toJSON()
    .slice()
    .reverse()
    .map((rdn) =>
      Object.entries(rdn)
        .flatMap(([type, values]) => values.map((value) => `${type}=${escapeValue(value)}`))
        .join('+'),
    )
    .join(',');
}

/** The most specific CN (the last one in the DN), or null when the name has none. */
export function commonName(name: Name): string | null {
  const cns = name.getField('CN');
  return cns.length > 0 ? cns[cns.length - 1]! : null;
}

function escapeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}
