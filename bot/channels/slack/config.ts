/**
 * Slack channel configuration. HTTP mode receives events on the shared server (needs the signing secret);
 * Socket Mode opens an outbound WebSocket (needs an app-level token) for organisations without a public endpoint.
 */
import { z } from 'zod';

export const SlackConfig = z
  .object({
    mode: z.enum(['http', 'socket']).default('http'),
    /** Verifies that HTTP requests come from Slack (Basic Information → Signing Secret). Required in HTTP mode. */
    signingSecret: z.string().min(1, 'must not be empty').optional(),
    /** Bot User OAuth Token (OAuth & Permissions). */
    botToken: z.string().startsWith('xoxb-', 'must be a bot token (starts with "xoxb-")'),
    /** App-level token with connections:write (Basic Information → App-Level Tokens). Required in Socket Mode. */
    appToken: z.string().startsWith('xapp-', 'must be an app-level token (starts with "xapp-")').optional(),
    /** Web API base URL override (tests and benchmarks point it at a local fake). */
    apiUrl: z.string().url('must be a URL').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.mode === 'http' && c.signingSecret === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['signingSecret'], message: 'is required when mode is "http"' });
    }
    if (c.mode === 'socket' && c.appToken === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['appToken'], message: 'is required when mode is "socket"' });
    }
  });
export type SlackConfig = z.infer<typeof SlackConfig>;
export type SlackConfigInput = z.input<typeof SlackConfig>;

/** Environment variable behind each field, so an error can say what to set. */
export const SLACK_ENV: Record<keyof SlackConfig, string> = {
  mode: 'SLACK_MODE',
  signingSecret: 'SLACK_SIGNING_SECRET',
  botToken: 'SLACK_BOT_TOKEN',
  appToken: 'SLACK_APP_TOKEN',
  apiUrl: 'SLACK_API_URL',
};

export class SlackConfigError extends Error {
  override name = 'SlackConfigError';
  constructor(
    message: string,
    readonly fields: string[],
  ) {
    super(message);
  }
}

/**
 * Validates a config object. The error names every bad field (and its env var) but never echoes a value:
 * values here are secrets.
 */
export function parseSlackConfig(input: unknown): SlackConfig {
  const result = SlackConfig.safeParse(input);
  if (result.success) return result.data;
  const fields: string[] = [];
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(root)';
    fields.push(field);
    const env = SLACK_ENV[issue.path[0] as keyof SlackConfig];
    const message =
      issue.code === 'invalid_type' && issue.received === 'undefined'
        ? 'is required'
        : issue.code === 'invalid_enum_value'
          ? `must be one of ${issue.options.map(String).join(', ')}`
          : issue.code === 'unrecognized_keys'
            ? `unknown field(s) ${issue.keys.join(', ')}`
            : issue.message;
    return `slack.${field}${env ? ` (${env})` : ''}: ${message}`;
  });
  return fail(lines, fields);
}

function fail(lines: string[], fields: string[]): never {
  throw new SlackConfigError(`Invalid Slack configuration: ${lines.join('; ')}`, fields);
}
