import { dashboardMessage, jsonReply } from '../http/reply.ts';
import { readCertificateUpload } from '../state/certificate-upload.ts';
import type { DashboardHandler, DashboardRequest } from './context.ts';

/**
 * The PEM text of an upload: the multipart field `cert` (tyk-operator, tyk-sync) or `file`
 * (the swagger), or else the raw body. Multipart is parsed with the web `Request.formData()`
 * built into Node 20 (undici): a standard parser with no extra dependency, and bodies here are
 * small and already buffered, so busboy's streaming would buy nothing.
 */
async function uploadedText(req: DashboardRequest): Promise<string> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return req.body.toString('utf8');
  let form: FormData;
  try {
    form = await new Request('http://mock.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(req.body),
    }).formData();
  } catch {
    return '';
  }
  const part = form.get('cert') ?? form.get('file');
  if (part === null) return '';
  return typeof part === 'string' ? part : await part.text();
}

/**
 * `POST /api/certs`. Every refusal is 404 "Could not create certificate." + the cert manager's
 * text: Tyk's Dashboard API (OpenAPI `createCertificates`) documents exactly that for duplicates;
 * the status of other refusals is unknown from Tyk's sources, and the mock assumes the same.
 */
export const uploadCertificate: DashboardHandler = async (ctx, req) => {
  const text = await uploadedText(req);
  if (text.trim() === '') return dashboardMessage(500, 'Failed to read response body, body empty.');
  const result = readCertificateUpload(req.orgId, text, ctx.now());
  if (!result.ok) return dashboardMessage(404, `Could not create certificate.${result.error.message}`);
  const { certificate } = result;
  if (ctx.store.certificates.has(certificate.id)) {
    return dashboardMessage(
      404,
      `Could not create certificate.Certificate with ${certificate.id} ID already exists.`,
    );
  }
  ctx.store.putCertificate(certificate);
  // Lower-case keys here (APICertificateStatusMessage), unlike the ApiResponse envelope.
  return jsonReply(200, { id: certificate.id, message: 'Certificate added.', status: 'ok' });
};
