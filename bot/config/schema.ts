/**
 * The server's whole configuration. Every value has one home here, validated at start; a wrong value stops the
 * process with the path of the field (see load.ts). Channel- and store-specific parts are optional: what is
 * configured gets mounted, the rest stays off.
 */
import { z } from 'zod';
import { SlackConfig } from '../channels/slack/config.js';
import { TeamsConfig } from '../channels/teams/config.js';
import { TrendsConfig } from '../trends/config.js';
import { parseSealKeys } from '../core/seal.js';

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

export const AppConfig = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: port.default(3000),
    /**
     * Behind a reverse proxy or load balancer: which proxies to trust for the client address (Express "trust
     * proxy": a hop count, "loopback", a subnet). Without it every web chat user shares the proxy's rate limit.
     */
    trustProxy: z.string().min(1).optional(),
    /** Where users reach the server (https://integriteit.example.org); its host name is answered (see allowedHosts). */
    publicUrl: z.string().url().optional(),
    /**
     * Host names the server answers besides loopback names, publicUrl's host and a specific HOST address; any other
     * Host header gets 421 (DNS rebinding). Health checks are answered for any Host.
     */
    allowedHosts: z.array(z.string().min(1)).default([]),
    dataDir: z.string().default('data'),
    /** Extra source files or folders ingested next to knowledge/corpus (an organisation's own documents). */
    extraSources: z.array(z.string()).default([]),
    directoryPath: z.string().default('config/vertrouwenspersonen.example.yaml'),
    webChat: z.boolean().default(true),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    limits: LimitsConfig.default({}),
    /**
     * On SIGTERM, how long to finish accepted work (answers, queued Slack questions, replies being posted). Keep it
     * below the orchestrator's grace period minus the 5 s the trend store may take to close (Kubernetes: 30 s).
     */
    shutdownGraceMs: positiveMs.default(20_000),
    embedding: EmbeddingConfig.default({}),
    llm: LlmConfig.optional(),
    slack: SlackConfig.optional(),
    /** Present (even empty) = Teams is mounted; without an appId it runs in local Emulator mode. */
    teams: TeamsConfig.optional(),
    /** Trend store and, when its `dashboard` credentials are set, the coordinator dashboard. */
    trends: TrendsConfig.default({}),
    /**
     * Keys for the sealed message in reroute buttons (comma-separated, base64 of 32 bytes each; the first seals,
     * all open). Needed when several replicas serve one channel; without it each process makes its own key.
     */
    sealKeys: z
      .string()
      .refine((v) => {
        try {
          return parseSealKeys(v).length > 0;
        } catch {
          return false;
        }
      }, 'must be one or more base64-encoded 32-byte keys, comma-separated (openssl rand -base64 32)')
      .optional(),
    /** Warm handoff: where "please contact me" requests are posted (who and which channel, never text). */
    notifyWebhookUrl: z.string().url().optional(),
    /** When set, /metrics answers only requests with `Authorization: Bearer <token>`. */
    metricsToken: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 32)').optional(),
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
  'teams.certificatePrivateKey',
  'trends.databaseUrl',
  'trends.dashboard.password',
  'trends.dashboard.passwordHash',
  'notifyWebhookUrl',
  'sealKeys',
  'metricsToken',
]);
