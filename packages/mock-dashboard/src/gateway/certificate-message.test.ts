import { describe, expect, it } from 'vitest';
import { certificatesOf } from './certificate-message.ts';

const u = (width: number, n: number) =>
  Buffer.from(Array.from({ length: width }, (_, i) => (n >> (8 * (width - 1 - i))) & 0xff));
const vec = (width: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u(width, body.length), body]);
};
const a = Buffer.from('30030201aa', 'hex');
const b = Buffer.from('30030201bb', 'hex');

describe('certificatesOf', () => {
  it('reads a TLS 1.2 list in the order sent', () => {
    const body = vec(3, vec(3, b), vec(3, a));
    expect(certificatesOf(body, 'TLSv1.2')).toEqual([new Uint8Array(b), new Uint8Array(a)]);
  });

  it('reads a TLS 1.3 list past its request context and each entry’s extensions', () => {
    const statusRequest = Buffer.concat([u(2, 5), vec(2, Buffer.from('0100', 'hex'))]);
    const body = Buffer.concat([
      vec(1, Buffer.from('c0ffee', 'hex')),
      vec(3, vec(3, a), vec(2, statusRequest), vec(3, b), vec(2)),
    ]);
    expect(certificatesOf(body, 'TLSv1.3')).toEqual([new Uint8Array(a), new Uint8Array(b)]);
  });

  it('reads an empty list: the client had no certificate', () => {
    expect(certificatesOf(vec(3), 'TLSv1.2')).toEqual([]);
    expect(certificatesOf(Buffer.concat([vec(1), vec(3)]), 'TLSv1.3')).toEqual([]);
  });

  it.each([
    ['a length past the end', Buffer.concat([u(3, 9), vec(3, a)])],
    ['bytes after the list', Buffer.concat([vec(3, vec(3, a)), Buffer.from([0])])],
    ['an empty certificate', vec(3, vec(3))],
  ])('refuses %s', (_name, body) => {
    expect(() => certificatesOf(body, 'TLSv1.2')).toThrow();
  });
});
