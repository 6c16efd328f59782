import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Core, type Provider, SecretBox, systemActor } from '@repo/core';
import type { ServerEnv } from './env.ts';

/**
 * A secret the demo generates once and keeps in its data directory (owner-only), so a restart
 * can open what was sealed before and the printed admin token stays the same.
 */
export async function keptSecret(dataDir: string, file: string, make: () => string): Promise<string> {
  const path = join(dataDir, file);
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = make();
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

export const generateSecretKey = (): string => SecretBox.generateKey();
/** Same shape as the tokens core issues (`mtp_` + 256 random bits). */
export const generateAdminToken = (): string => `mtp_${randomBytes(32).toString('base64url')}`;

/**
 * The provider configured by DASHBOARD_*: created on the first start, then kept in step with the
 * configuration (URL, org id, key) on every start.
 */
export async function ensureConfiguredProvider(
  core: Core,
  env: Required<Pick<ServerEnv, 'DASHBOARD_URL' | 'DASHBOARD_API_KEY' | 'DASHBOARD_ORG_ID'>> &
    Pick<ServerEnv, 'DASHBOARD_NAME' | 'DASHBOARD_GATEWAY_URL'>,
): Promise<Provider> {
  const actor = systemActor('configuration');
  const values = {
    name: env.DASHBOARD_NAME,
    dashboardUrl: env.DASHBOARD_URL,
    orgId: env.DASHBOARD_ORG_ID,
    apiKey: env.DASHBOARD_API_KEY,
    gatewayUrl: env.DASHBOARD_GATEWAY_URL ?? null,
  };
  const existing = (await core.providers.all()).find((p) => p.name === env.DASHBOARD_NAME);
  const result = existing
    ? await core.providers.update(existing.id, values, actor)
    : await core.providers.create(values, actor);
  if (!result.ok) throw new Error(`The configured Dashboard was refused: ${result.error.message}`);
  return result.value;
}
