/**
 * `npm run teams:package [-- --out <file.zip>]`: builds the Teams app package (manifest.json, en-us.json,
 * color.png, outline.png) from teams/ and the environment, validated against the Teams manifest schema v1.17.
 * See docs/teams.md for the variables.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng } from './package/png.js';
import {
  buildManifest,
  TeamsPackageError,
  teamsPackageConfigFromEnv,
  validateLocalization,
  validateManifest,
  type TeamsPackageConfig,
} from './package/manifest.js';
import JSZip from 'jszip';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ASSETS_DIR = join(ROOT, 'teams');
export const DEFAULT_OUT = join(ROOT, 'dist', 'teams', 'integriteitsbot-teams.zip');

function readJson(path: string): Record<string, any> {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TeamsPackageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function icon(path: string, size: number, outline: boolean): Buffer {
  const bytes = readFileSync(path);
  let image;
  try {
    image = decodePng(bytes);
  } catch (e) {
    throw new TeamsPackageError(`${path}: ${(e as Error).message}`);
  }
  if (image.width !== size || image.height !== size) {
    throw new TeamsPackageError(`${path}: must be ${size}×${size}, is ${image.width}×${image.height}`);
  }
  if (outline) {
    // Teams requires the outline icon to be white on transparent.
    for (let i = 0; i < image.rgba.length; i += 4) {
      if (image.rgba[i + 3] && (image.rgba[i] !== 255 || image.rgba[i + 1] !== 255 || image.rgba[i + 2] !== 255)) {
        throw new TeamsPackageError(`${path}: outline icon may contain only white and transparent pixels`);
      }
    }
  }
  return bytes;
}

/** A fixed date for every entry, so the same inputs give the same zip, byte for byte. */
const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** The files in package order, zipped (DEFLATE) by JSZip. */
async function writeZip(entries: { name: string; data: Uint8Array }[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const entry of entries) zip.file(entry.name, entry.data, { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
}

/** Builds and validates the package; throws a TeamsPackageError listing every problem. */
export async function buildTeamsPackage(config: TeamsPackageConfig, assetsDir = ASSETS_DIR): Promise<{ zip: Buffer; manifest: Record<string, any> }> {
  const { manifest, english } = buildManifest(
    readJson(join(assetsDir, 'manifest.template.json')),
    readJson(join(assetsDir, 'en-us.json')),
    config,
  );
  const problems = [...validateManifest(manifest), ...validateLocalization(english, 'en-us.json')];
  if (problems.length) throw new TeamsPackageError(`the Teams manifest is not valid:\n  ${problems.join('\n  ')}`);
  const zip = await writeZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'en-us.json', data: Buffer.from(JSON.stringify(english, null, 2)) },
    { name: manifest.icons.color, data: icon(join(assetsDir, manifest.icons.color), 192, false) },
    { name: manifest.icons.outline, data: icon(join(assetsDir, manifest.icons.outline), 32, true) },
  ]);
  return { zip, manifest };
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--out');
  const out = resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : DEFAULT_OUT);
  const version = (readJson(join(ROOT, 'package.json')).version as string | undefined) ?? '0.1.0';
  try {
    const config = teamsPackageConfigFromEnv(process.env, version);
    const { zip, manifest } = await buildTeamsPackage(config);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`Teams app package ${manifest.version} (manifest ${manifest.manifestVersion}, app id ${manifest.id}) written to ${out}`);
  } catch (e) {
    if (e instanceof TeamsPackageError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
