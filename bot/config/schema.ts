/**
 * The server's whole configuration. Every value has one home here, validated at start; a wrong value stops the
 * process with the path of the field (see load.ts). Channel- and store-specific parts are optional: what is
 * configured gets mounted, the rest stays off.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const positiveMs = z.coerce.number().int().positive();

export const LimitsConfig = z
  .object({
    /** Longer messages get a polite refusal. */
    maxMessageChars: z.coerce.number().int().min(50).max(20_000).default(2000),
    /** Every answer has a deadline; past it the user gets a fallback reply. */
    answerTimeoutMs: positiveMs.default(8000),
    /** Questions per user per minute (counted in memory by an opaque key, never persisted). */
    questionsPerMinute: z.coerce.number().int().min(1).max(1000).default(20),
  })
  .strict();

export const EmbeddingConfig = z
  .object({
    /** Local folder in transformers.js layout, or a hub id when allowRemote. Unset: the neural tier is off. */
    model: z.string().min(1).optional(),
    allowRemote: z.boolean().default(false),
    cacheDir: z.string().optional(),
  })
  .strict();

export const LlmConfig = z
  .object({
    baseUrl: z.string().url(),
    apiKey: z.string().min(1).optional(),
    model: z.string().min(1),
    timeoutMs: positiveMs.default(6000),
  })
  .strict();

export const SlackSection = z
  .object({
    mode: z.enum(['http', 'socket']).default('http'),
    signingSecret: z.string().min(8).optional(),
    botToken: z.string().regex(/^xoxb-/, 'must start with xoxb-'),
    appToken: z.string().regex(/^xapp-/, 'must start with xapp-').optional(),
    apiUrl: z.string().url().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.mode === 'http' && !s.signingSecret)
      ctx.addIssue({ code: 'custom', path: ['signingSecret'], message: 'required in http mode' });
    if (s.mode === 'socket' && !s.appToken)
      ctx.addIssue({ code: 'custom', path: ['appToken'], message: 'required in socket mode' });
  });

export const TeamsSection = z
  .object({
    appId: z.string().min(1).optional(),
    appPassword: z.string().min(1).optional(),
    appTenantId: z.string().min(1).optional(),
    appType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.appId && !t.appPassword)
      ctx.addIssue({ code: 'custom', path: ['appPassword'], message: 'required when appId is set' });
    if (t.appId && t.appType === 'SingleTenant' && !t.appTenantId)
      ctx.addIssue({ code: 'custom', path: ['appTenantId'], message: 'required for a SingleTenant bot' });
  });

export const TrendsSection = z
  .object({
    /** PostgreSQL connection string; unset means SQLite under the data directory. */
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    k: z.coerce.number().int().min(3, 'k-anonymity threshold may not be below 3').default(5),
  })
  .strict();

export const DashboardSection = z
  .object({
    username: z.string().min(1),
    password: z.string().min(12, 'use at least 12 characters'),
  })
  .strict();

export const AppConfig = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: port.default(3000),
    dataDir: z.string().default('data'),
    /** Extra source files or folders ingested next to knowledge/corpus (an organisation's own documents). */
    extraSources: z.array(z.string()).default([]),
    directoryPath: z.string().default('config/vertrouwenspersonen.example.yaml'),
    webChat: z.boolean().default(true),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    limits: LimitsConfig.default({}),
    embedding: EmbeddingConfig.default({}),
    llm: LlmConfig.optional(),
    slack: SlackSection.optional(),
    teams: TeamsSection.optional(),
    trends: TrendsSection.default({}),
    dashboard: DashboardSection.optional(),
    /** Warm handoff: where "please contact me" requests are posted (who and which channel, never text). */
    notifyWebhookUrl: z.string().url().optional(),
  })
  .strict();
export type AppConfig = z.infer<typeof AppConfig>;

/** Fields whose values are never printed. */
export const SECRET_FIELDS = new Set([
  'llm.apiKey',
  'slack.signingSecret',
  'slack.botToken',
  'slack.appToken',
  'teams.appPassword',
  'trends.databaseUrl',
  'dashboard.password',
  'notifyWebhookUrl',
]);
