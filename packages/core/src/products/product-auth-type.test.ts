import { describe, expect, it } from 'vitest';
import type { ClassicApiDefinition } from '../dashboard/dashboard-schemas.ts';
import { apiAuthType, supportsCertificateOptions } from './product-auth-type.ts';

const api = (fields: Partial<ClassicApiDefinition>): ClassicApiDefinition => ({
  api_id: 'a',
  org_id: 'o',
  name: 'n',
  ...fields,
});

describe('apiAuthType', () => {
  it.each([
    [{ use_standard_auth: true, use_mutual_tls_auth: true }, 'AUTH_TOKEN_MTLS'],
    [{ use_standard_auth: true }, 'AUTH_TOKEN'],
    [{ enable_jwt: true, use_mutual_tls_auth: true }, 'JWT_MTLS'],
    [{ enable_jwt: true }, 'JWT'],
    [{ use_keyless: true }, 'OTHER'],
    [{ use_standard_auth: true, enable_jwt: true, use_mutual_tls_auth: true }, 'OTHER'],
  ] as const)('%o is %s', (fields, type) => {
    expect(apiAuthType(api(fields))).toBe(type);
  });

  it('offers certificate mode and binding only for Auth Token + mTLS', () => {
    expect(supportsCertificateOptions('AUTH_TOKEN_MTLS')).toBe(true);
    expect(supportsCertificateOptions('JWT_MTLS')).toBe(false);
  });
});
