import { type MockDashboard, type MockDashboardOptions, startMockDashboard } from '../../src/index.ts';
import { baseSeed, KEY } from './fixtures.ts';

export interface JsonResponse {
  readonly status: number;
  readonly text: string;
  /** The parsed body; undefined when it is not JSON. */
  readonly json: unknown;
  readonly headers: Headers;
}

export async function toJsonResponse(response: Response): Promise<JsonResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/** A running mock plus small clients for its Dashboard and control surfaces. */
export interface TestMock extends MockDashboard {
  /** A Dashboard API call; `Authorization` is the first org's key unless `key` is given (null = none). */
  dashboard(path: string, init?: RequestInit & { key?: string | null }): Promise<JsonResponse>;
  control(method: string, path: string, body?: unknown): Promise<JsonResponse>;
}

export async function startTestMock(options: MockDashboardOptions = {}): Promise<TestMock> {
  const mock = await startMockDashboard({ seed: baseSeed(), adminKey: 'admin', ...options });
  return {
    ...mock,
    async dashboard(path, init = {}) {
      const { key = KEY, headers, ...rest } = init;
      const all = new Headers(headers);
      if (key !== null) all.set('authorization', key);
      return toJsonResponse(await fetch(`${mock.dashboardUrl}${path}`, { ...rest, headers: all }));
    },
    async control(method, path, body) {
      const init: RequestInit = { method, headers: { 'x-mock-admin-key': mock.adminKey } };
      if (body !== undefined) init.body = JSON.stringify(body);
      return toJsonResponse(await fetch(`${mock.dashboardUrl}${path}`, init));
    },
  };
}

/** A multipart body with one PEM file under `field`, as tyk-operator (`cert`) or the swagger (`file`) sends. */
export function pemForm(pem: string, field = 'cert'): FormData {
  const form = new FormData();
  form.set(field, new Blob([pem], { type: 'application/x-pem-file' }), 'cert.pem');
  return form;
}
