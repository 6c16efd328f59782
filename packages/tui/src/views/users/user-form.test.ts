import { describe, expect, it } from 'vitest';
import { userInput } from './user-form.ts';

const ORGS = [{ id: 'T3JnOjE=', name: 'Acme Payments' }];

describe('userInput', () => {
  it('reads the role word and finds the organisation by name', () => {
    expect(userInput('admin', '', ORGS)).toEqual({ ok: true, role: 'ADMIN', organisation: null });
    expect(userInput(' C ', 'acme payments', ORGS)).toEqual({
      ok: true,
      role: 'CONSUMER',
      organisation: 'T3JnOjE=',
    });
  });

  it('says what is wrong instead of guessing', () => {
    expect(userInput('owner', '', ORGS)).toEqual({ ok: false, message: 'Role is admin or consumer.' });
    expect(userInput('consumer', '', ORGS)).toMatchObject({ ok: false, message: /name it/ });
    expect(userInput('consumer', 'Globex', ORGS)).toMatchObject({ ok: false, message: /No organisation/ });
    expect(userInput('admin', 'Acme Payments', ORGS)).toMatchObject({ ok: false, message: /leave it empty/ });
  });
});
