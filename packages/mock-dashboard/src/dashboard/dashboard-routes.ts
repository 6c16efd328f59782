import { Router } from '../http/router.ts';
import { getApi, listApis, putApi } from './apis-classic.ts';
import { getOasApi, putOasApi } from './apis-oas.ts';
import { certificateApis, deleteCertificate, getCertificate } from './certs-item.ts';
import { listCertificateDetails, listCertificates } from './certs-list.ts';
import { uploadCertificate } from './certs-upload.ts';
import type { DashboardHandler } from './context.ts';
import { createCustomKey, createKey, deleteKey, getKey, putKey } from './keys.ts';

/** The subset of Tyk's Dashboard API (OpenAPI) that the portal uses. Literal paths come first. */
export const dashboardRoutes = new Router<DashboardHandler>()
  .add('GET', '/api/certs', listCertificates)
  .add('POST', '/api/certs', uploadCertificate)
  .add('GET', '/api/certs/details', listCertificateDetails)
  .add('GET', '/api/certs/:id/apis', certificateApis)
  .add('GET', '/api/certs/:id', getCertificate)
  .add('DELETE', '/api/certs/:id', deleteCertificate)
  .add('GET', '/api/apis', listApis)
  .add('GET', '/api/apis/oas/:id', getOasApi)
  .add('PUT', '/api/apis/oas/:id', putOasApi)
  .add('GET', '/api/apis/:id', getApi)
  .add('PUT', '/api/apis/:id', putApi)
  .add('POST', '/api/keys', createKey)
  .add('POST', '/api/keys/:id', createCustomKey)
  .add('GET', '/api/keys/:id', getKey)
  .add('PUT', '/api/keys/:id', putKey)
  .add('DELETE', '/api/keys/:id', deleteKey);
