import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(SecretBox.generateKey());

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('dashboard-api-key-123');
    expect(sealed).not.toContain('dashboard-api-key-123');
    expect(sealed).toMatch(/^v1\./);
    expect(box.open(sealed)).toBe('dashboard-api-key-123');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses another key and a tampered value', () => {
    const sealed = box.seal('secret');
    expect(() => new SecretBox(SecretBox.generateKey()).open(sealed)).toThrow(
      expect.objectContaining({ code: 'SECRET_KEY_INVALID' }),
    );
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${ct!.slice(0, -2)}${ct!.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(() => box.open(flipped)).toThrow(expect.objectContaining({ code: 'SECRET_KEY_INVALID' }));
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
