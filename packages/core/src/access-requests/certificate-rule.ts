import type { Product } from '../products/product.ts';
import { Err, Ok, type Result } from '../result.ts';
import { CertificateNotAcceptedError, CertificateRequiredError } from './access-request.errors.ts';

/**
 * Who supplies the certificate (Portal 1.16): Self-Serve requests must carry one; Managed products
 * use the organisation's and refuse one; other auth types have no certificate to give.
 */
export function certificateRule(
  product: Product,
  given: boolean,
): Result<void, CertificateRequiredError | CertificateNotAcceptedError> {
  if (product.certificateMode === 'SELF_SERVE' && !given) {
    return Err(
      new CertificateRequiredError('This product is Self-Serve: include a certificate with the request.', {
        path: ['certificate'],
      }),
    );
  }
  if (product.certificateMode !== 'SELF_SERVE' && given) {
    const why =
      product.certificateMode === 'MANAGED'
        ? "uses the organisation's certificates"
        : `is ${product.authType}, which takes no certificate from the consumer`;
    return Err(new CertificateNotAcceptedError(`This product ${why}.`, { path: ['certificate'] }));
  }
  return Ok(undefined);
}
