/**
 * Teams channel configuration. Bot Framework credentials come from the Azure Bot registration; without an app id
 * the channel runs in local mode (Bot Framework Emulator, tests) and inbound requests are not authenticated.
 */
import { z } from 'zod';

const trimmed = z.string().trim().min(1);

export const TeamsConfig = z
  .object({
    appId: trimmed.optional(),
    appPassword: trimmed.optional(),
    appTenantId: trimmed.optional(),
    appType: z.enum(['SingleTenant', 'MultiTenant']).default('SingleTenant'),
    certificateThumbprint: trimmed.optional(),
    certificatePrivateKey: trimmed.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const need = (field: keyof typeof c, why: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `required ${why}` });
    const anyCredential = c.appPassword ?? c.appTenantId ?? c.certificateThumbprint ?? c.certificatePrivateKey;
    if (!c.appId) {
      if (anyCredential) need('appId', 'when any other credential is set');
      return;
    }
    if (c.certificateThumbprint && !c.certificatePrivateKey) need('certificatePrivateKey', 'with certificateThumbprint');
    if (c.certificatePrivateKey && !c.certificateThumbprint) need('certificateThumbprint', 'with certificatePrivateKey');
    if (!c.appPassword && !c.certificateThumbprint && !c.certificatePrivateKey) {
      need('appPassword', 'when appId is set (or use certificateThumbprint + certificatePrivateKey)');
    }
    if (c.appType === 'SingleTenant' && !c.appTenantId) need('appTenantId', 'for appType SingleTenant');
  });
export type TeamsConfig = z.output<typeof TeamsConfig>;
export type TeamsConfigInput = z.input<typeof TeamsConfig>;

/** Environment variable per field, as named in the Azure Bot docs (docs/teams.md). */
export const TEAMS_ENV = {
  appId: 'MICROSOFT_APP_ID',
  appPassword: 'MICROSOFT_APP_PASSWORD',
  appTenantId: 'MICROSOFT_APP_TENANT_ID',
  appType: 'MICROSOFT_APP_TYPE',
  certificateThumbprint: 'MICROSOFT_APP_CERTIFICATE_THUMBPRINT',
  certificatePrivateKey: 'MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY',
} as const satisfies Record<keyof TeamsConfig, string>;

export class TeamsConfigError extends Error {
  override name = 'TeamsConfigError';
}

/** Parses the config; the error names every bad field (never its value: it may be a secret). */
export function parseTeamsConfig(input: unknown, prefix = 'teams'): TeamsConfig {
  const result = TeamsConfig.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`);
  throw new TeamsConfigError(`invalid Teams configuration: ${problems.join('; ')}`);
}


/** True when inbound requests must carry a valid Bot Framework token. */
export function hasCredentials(config: TeamsConfig): boolean {
  return Boolean(config.appId);
}
