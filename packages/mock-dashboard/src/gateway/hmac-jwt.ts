import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from '../http/read-body.ts';

export type DecodedJwt = {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
};

const HASH_OF: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** Splits and decodes a compact JWS; undefined when it is not one (Tyk: "Key not authorized"). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, claims] = [parseSegment(parts[0]!), parseSegment(parts[1]!)];
  if (!header || !claims) return undefined;
  return {
    header,
    claims,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2]!, 'base64url'),
  };
}

/** True when `alg` is one of the HMAC algorithms (golang-jwt's `SigningMethodHMAC` family). */
export function isHmacAlgorithm(alg: unknown): alg is string {
  return typeof alg === 'string' && alg in HASH_OF;
}

export function verifyHmac(jwt: DecodedJwt, secret: Buffer): boolean {
  const alg = jwt.header.alg;
  if (!isHmacAlgorithm(alg)) return false;
  const expected = createHmac(HASH_OF[alg]!, secret).update(jwt.signingInput).digest();
  return expected.length === jwt.signature.length && timingSafeEqual(expected, jwt.signature);
}

/** Makes an HS256 token; tests and the README example use it. */
export function signHs256(claims: Record<string, unknown>, secret: Buffer | string): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
