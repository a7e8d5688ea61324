/**
 * Configuration of the trend store and the coordinator dashboard. The lead composes this schema into the server
 * config; `trendsConfigFromEnv` is the conventional mapping from environment variables.
 */
import { z } from 'zod';

/** Below this k a cell can point at one or two people; the config refuses it outright. */
export const MIN_K = 3;
export const DEFAULT_K = 5;

export const KSchema = z
  .number({ invalid_type_error: 'must be a whole number' })
  .int('must be a whole number')
  .min(MIN_K, `must be at least ${MIN_K} (smaller groups can identify people)`);

export const DashboardConfig = z
  .object({
    username: z.string().min(1, 'is required'),
    /** scrypt hash made with `npm run trends -- hash-password`. Preferred. */
    passwordHash: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be a hash from `npm run trends -- hash-password`')
      .optional(),
    /** Plain password, for local development only. */
    password: z.string().min(12, 'must be at least 12 characters').optional(),
  })
  .strict()
  .refine((d) => (d.passwordHash === undefined) !== (d.password === undefined), {
    message: 'set exactly one of passwordHash or password',
    path: ['passwordHash'],
  });
export type DashboardConfig = z.infer<typeof DashboardConfig>;

export const TrendsConfig = z
  .object({
    /** postgres://… — when set, PostgreSQL is used (several replicas can share it); otherwise SQLite. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    sqlitePath: z.string().min(1).default('data/trends.sqlite'),
    k: KSchema.default(DEFAULT_K),
    /** Without it the dashboard cannot be mounted (there is no unauthenticated mode). */
    dashboard: DashboardConfig.optional(),
  })
  .strict();
export type TrendsConfig = z.infer<typeof TrendsConfig>;
export type TrendsConfigInput = z.input<typeof TrendsConfig>;

/** Parses config and throws one error that names every bad field (e.g. "trends.k: must be at least 3"). */
export function parseTrendsConfig(input: unknown, prefix = 'trends'): TrendsConfig {
  const result = TrendsConfig.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`);
  throw new Error(`invalid configuration: ${problems.join('; ')}`);
}
