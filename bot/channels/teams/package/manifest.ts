/**
 * Builds the Teams app manifest (schema v1.17) from teams/manifest.template.json plus configuration, and validates
 * it against the official JSON schema shipped offline in the @microsoft/app-manifest package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SUGGESTED_PROMPTS } from '../../prompts.js';

export const MANIFEST_VERSION = '1.17';

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'must be a GUID');
const httpsUrl = z.string().url('must be a URL').regex(/^https:\/\//i, 'must start with https://');
const hostname = z
  .string()
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/i, 'must be a host name (no scheme or path)');

export const TeamsPackageConfig = z.object({
  /** The Teams app id (manifest "id"). Defaults to the bot id, which Teams accepts for a bot-only app. */
  appId: guid.optional(),
  /** The Microsoft App Id of the Azure Bot registration. */
  botId: guid,
  version: z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be MAJOR.MINOR.PATCH'),
  shortName: z.string().min(1).max(30).optional(),
  fullName: z.string().min(1).max(100).optional(),
  developer: z.object({
    name: z.string().min(1).max(32),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  }),
  validDomains: z.array(hostname).max(16).default([]),
});
export type TeamsPackageConfig = z.output<typeof TeamsPackageConfig>;

/** Environment variable per config path, for the CLI and for error messages. */
export const PACKAGE_ENV: Record<string, string> = {
  appId: 'TEAMS_APP_ID',
  botId: 'MICROSOFT_APP_ID',
  version: 'TEAMS_APP_VERSION',
  shortName: 'TEAMS_APP_SHORT_NAME',
  fullName: 'TEAMS_APP_FULL_NAME',
  'developer.name': 'TEAMS_DEVELOPER_NAME',
  'developer.websiteUrl': 'TEAMS_DEVELOPER_URL',
  'developer.privacyUrl': 'TEAMS_PRIVACY_URL',
  'developer.termsOfUseUrl': 'TEAMS_TERMS_URL',
  validDomains: 'TEAMS_VALID_DOMAINS',
};

export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

export function teamsPackageConfigFromEnv(env: NodeJS.ProcessEnv, defaultVersion: string): TeamsPackageConfig {
  const get = (path: string) => env[PACKAGE_ENV[path]!]?.trim() || undefined;
  const raw = {
    appId: get('appId'),
    botId: get('botId'),
    version: get('version') ?? defaultVersion,
    shortName: get('shortName'),
    fullName: get('fullName'),
    developer: {
      name: get('developer.name'),
      websiteUrl: get('developer.websiteUrl'),
      privacyUrl: get('developer.privacyUrl'),
      termsOfUseUrl: get('developer.termsOfUseUrl'),
    },
    validDomains: (get('validDomains') ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
  };
  const result = TeamsPackageConfig.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const path = i.path.filter((p) => typeof p === 'string').join('.');
    const name = PACKAGE_ENV[path] ?? PACKAGE_ENV[String(i.path[0])] ?? path;
    const missing = i.code === z.ZodIssueCode.invalid_type && i.received === 'undefined';
    return `${name}: ${missing ? 'required' : i.message}`;
  });
  throw new TeamsPackageError(`invalid Teams package configuration: ${problems.join('; ')}`);
}

type Json = Record<string, any>;

/** The template and its English localization with the configured values filled in. */
export function buildManifest(template: Json, english: Json, config: TeamsPackageConfig): { manifest: Json; english: Json } {
  const manifest = structuredClone(template);
  manifest.id = (config.appId ?? config.botId).toLowerCase();
  manifest.version = config.version;
  manifest.developer = { ...config.developer };
  if (config.shortName) manifest.name.short = config.shortName;
  if (config.fullName) manifest.name.full = config.fullName;
  manifest.bots[0].botId = config.botId.toLowerCase();
  // The personal chat's suggested prompts: the same questions Slack's assistant and the welcome card offer.
  manifest.bots[0].commandLists = [
    { scopes: ['personal'], commands: SUGGESTED_PROMPTS.nl.map(({ title, description }) => ({ title, description })) },
  ];
  manifest.validDomains = [...config.validDomains];
  const en = structuredClone(english);
  SUGGESTED_PROMPTS.en.forEach(({ title, description }, i) => {
    en[`bots[0].commandLists[0].commands[${i}].title`] = title;
    en[`bots[0].commandLists[0].commands[${i}].description`] = description;
  });
  if (config.shortName) en['name.short'] = config.shortName;
  if (config.fullName) en['name.full'] = config.fullName;
  return { manifest, english: en };
}

function schemaDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('@microsoft/app-manifest/package.json');
  } catch {
    throw new TeamsPackageError(
      'cannot validate the manifest: the devDependency @microsoft/app-manifest (which ships the Teams JSON schemas) is not installed',
    );
  }
  return join(dirname(pkg), 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`);
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let validators: { manifest: Validate; localization: Validate } | undefined;

function loadValidators() {
  if (validators) return validators;
  const require = createRequire(import.meta.url);
  // The Teams schemas are JSON Schema draft-04; ajv 8 needs the draft-04 build for them.
  const Ajv = require('ajv-draft-04') as new (opts: object) => { compile(schema: object): Validate };
  const addFormats = require('ajv-formats') as (ajv: unknown) => void;
  // unicodeRegExp off: some patterns in the official schemas are not valid under the regex "u" flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const dir = schemaDir();
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as object;
  validators = {
    manifest: ajv.compile(read('MicrosoftTeams.schema.json')),
    localization: ajv.compile(read('MicrosoftTeams.Localization.schema.json')),
  };
  return validators;
}

function problems(validate: Validate, data: unknown, label: string): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${label}${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

export function validateManifest(manifest: unknown): string[] {
  return problems(loadValidators().manifest, manifest, 'manifest.json');
}

export function validateLocalization(localization: unknown, file: string): string[] {
  return problems(loadValidators().localization, localization, file);
}
