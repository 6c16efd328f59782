import { createHmac } from 'node:crypto';

/** Makes an HS256 token; tests and the README example use it. */
export function signHs256(claims: Record<string, unknown>, secret: Buffer | string): string {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
