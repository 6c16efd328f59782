/** One DER TLV: its tag, where its header starts, and where its content starts and ends. */
export interface Tlv {
  readonly tag: number;
  readonly offset: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Reads the TLV at `offset`. Just enough DER for distinguished names; throws on anything
 * malformed because the input always comes from a certificate that already parsed.
 */
export function readTlv(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start + i]!;
    start += octets;
  }
  if (start + length > der.length) throw new Error('DER value runs past the end of its buffer');
  return { tag, offset, start, end: start + length };
}

/** The TLVs directly inside a constructed value. */
export function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const items: Tlv[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const item = readTlv(der, offset);
    items.push(item);
    offset = item.end;
  }
  return items;
}

/** Decodes an OBJECT IDENTIFIER's content into its arcs, as Go's `asn1.ObjectIdentifier` holds them. */
export function decodeOid(der: Uint8Array, tlv: Tlv): number[] {
  const arcs: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i++) {
    const byte = der[i]!;
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0)
      arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs;
}
