import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SUGGESTED_PROMPTS } from '../prompts.js';
import { ASSETS_DIR, buildTeamsPackage } from './package.js';
import { drawColorIcon, drawOutlineIcon } from './package/icons.js';
import { teamsPackageConfigFromEnv, validateLocalization, validateManifest } from './package/manifest.js';
import { decodePng, encodePng } from './package/png.js';
import JSZip from 'jszip';

/** The entries of a zip, read by JSZip with every CRC-32 checked. */
async function readZip(zip: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  const archive = await JSZip.loadAsync(zip, { checkCRC32: true });
  const files = Object.values(archive.files).filter((f) => !f.dir);
  return Promise.all(
    files.map(async (f) => ({
      name: f.name,
      data: await f.async('nodebuffer'),
    })),
  );
}

const ENV = {
  MICROSOFT_APP_ID: '0F3C9A2E-1234-4ABC-9DEF-0123456789AB',
  TEAMS_DEVELOPER_NAME: 'Ministerie van BZK',
  TEAMS_DEVELOPER_URL: 'https://example.org',
  TEAMS_PRIVACY_URL: 'https://example.org/privacy',
  TEAMS_TERMS_URL: 'https://example.org/terms',
  TEAMS_VALID_DOMAINS: 'bot.example.org, *.example.net',
};

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'teams-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Teams app package', () => {
  it('builds a zip with a schema-valid v1.17 manifest, its localization and both icons', async () => {
    const config = teamsPackageConfigFromEnv(ENV, '1.2.3');
    const { zip } = await buildTeamsPackage(config);
    const entries = await readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'en-us.json', 'color.png', 'outline.png']);
    const file = (name: string) => entries.find((e) => e.name === name)!.data;

    const manifest = JSON.parse(Buffer.from(file('manifest.json')).toString('utf8'));
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.id).toBe('0f3c9a2e-1234-4abc-9def-0123456789ab');
    expect(manifest.bots).toEqual([
      expect.objectContaining({ botId: '0f3c9a2e-1234-4abc-9def-0123456789ab', scopes: ['personal', 'team', 'groupChat'] }),
    ]);
    expect(manifest.developer).toEqual({
      name: 'Ministerie van BZK',
      websiteUrl: 'https://example.org',
      privacyUrl: 'https://example.org/privacy',
      termsOfUseUrl: 'https://example.org/terms',
    });
    expect(manifest.validDomains).toEqual(['bot.example.org', '*.example.net']);
    const english = JSON.parse(Buffer.from(file('en-us.json')).toString('utf8'));
    expect(validateLocalization(english, 'en-us.json')).toEqual([]);
    // Suggested prompts in the personal chat: the shared list, Dutch in the manifest, English in its localization.
    expect(manifest.bots[0].commandLists).toEqual([
      { scopes: ['personal'], commands: SUGGESTED_PROMPTS.nl.map(({ title, description }) => ({ title, description })) },
    ]);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toContain('Mag ik een geschenk aannemen?');
    SUGGESTED_PROMPTS.en.forEach(({ title }, i) => expect(english[`bots[0].commandLists[0].commands[${i}].title`]).toBe(title));

    const color = decodePng(file('color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(file('outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('is written by JSZip: DEFLATE entries with valid CRCs, the same bytes for the same inputs', async () => {
    const config = teamsPackageConfigFromEnv(ENV, '1.2.3');
    const { zip } = await buildTeamsPackage(config);
    const entries = await readZip(zip);
    // The first local file header is manifest.json's; method 8 is DEFLATE (the old hand-written writer stored, 0).
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(8);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'en-us.json', 'color.png', 'outline.png']);
    expect((await buildTeamsPackage(config)).zip.equals(zip)).toBe(true);
    const corrupt = Buffer.from(zip);
    const at = zip.indexOf(Buffer.from('manifest.json')) + 'manifest.json'.length + 8;
    corrupt[at] = corrupt[at]! ^ 0xff;
    await expect(readZip(corrupt)).rejects.toThrow();
  });

  it('uses TEAMS_APP_ID and name overrides when given', async () => {
    const config = teamsPackageConfigFromEnv(
      { ...ENV, TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555', TEAMS_APP_SHORT_NAME: 'Integriteit BZK' },
      '0.1.0',
    );
    const { manifest } = await buildTeamsPackage(config);
    expect(manifest.id).toBe('11111111-2222-3333-4444-555555555555');
    expect(manifest.bots[0].botId).toBe('0f3c9a2e-1234-4abc-9def-0123456789ab');
    expect(manifest.name.short).toBe('Integriteit BZK');
  });

  it('names the environment variable of every missing or invalid setting', () => {
    expect(() => teamsPackageConfigFromEnv({}, '0.1.0')).toThrow(
      /MICROSOFT_APP_ID: required; TEAMS_DEVELOPER_NAME: required; TEAMS_DEVELOPER_URL: required; TEAMS_PRIVACY_URL: required; TEAMS_TERMS_URL: required/,
    );
    expect(() => teamsPackageConfigFromEnv({ ...ENV, MICROSOFT_APP_ID: 'bot' }, '0.1.0')).toThrow(/MICROSOFT_APP_ID: must be a GUID/);
    expect(() => teamsPackageConfigFromEnv({ ...ENV, TEAMS_PRIVACY_URL: 'http://example.org' }, '0.1.0')).toThrow(
      /TEAMS_PRIVACY_URL: must start with https/,
    );
    expect(() => teamsPackageConfigFromEnv({ ...ENV, TEAMS_VALID_DOMAINS: 'https://bot.example.org/x' }, '0.1.0')).toThrow(
      /TEAMS_VALID_DOMAINS: must be a host name/,
    );
    expect(() => teamsPackageConfigFromEnv({ ...ENV, TEAMS_APP_SHORT_NAME: 'x'.repeat(31) }, '0.1.0')).toThrow(/TEAMS_APP_SHORT_NAME/);
    expect(() => teamsPackageConfigFromEnv(ENV, 'v1')).toThrow(/TEAMS_APP_VERSION: must be MAJOR.MINOR.PATCH/);
  });

  it('rejects a manifest that breaks the official schema', async () => {
    const { manifest } = await buildTeamsPackage(teamsPackageConfigFromEnv(ENV, '0.1.0'));
    const broken = structuredClone(manifest);
    delete broken.developer;
    broken.bots[0].scopes = ['everywhere'];
    broken.unknownField = true;
    const problems = validateManifest(broken).join('\n');
    expect(problems).toMatch(/developer/);
    expect(problems).toMatch(/\/bots\/0\/scopes\/0/);
    expect(problems).toMatch(/additional properties/);
  });

  it('refuses icons of the wrong size or an outline icon that is not white', async () => {
    const dir = mkdtempSync(join(tmp, 'assets-'));
    for (const f of ['manifest.template.json', 'en-us.json', 'color.png']) writeFileSync(join(dir, f), readFileSync(join(ASSETS_DIR, f)));
    const config = teamsPackageConfigFromEnv(ENV, '0.1.0');
    const blue = new Uint8Array(32 * 32 * 4).fill(255);
    for (let i = 0; i < blue.length; i += 4) blue[i] = 0;
    writeFileSync(join(dir, 'outline.png'), encodePng({ width: 32, height: 32, rgba: blue }));
    await expect(buildTeamsPackage(config, dir)).rejects.toThrow(/outline icon may contain only white and transparent pixels/);
    writeFileSync(join(dir, 'outline.png'), encodePng({ width: 16, height: 16, rgba: new Uint8Array(16 * 16 * 4) }));
    await expect(buildTeamsPackage(config, dir)).rejects.toThrow(/must be 32×32, is 16×16/);
  });

  it('writes the zip from the command line, and fails naming the missing variables', async () => {
    const out = join(tmp, 'cli', 'app.zip');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'bot/channels/teams/package.ts', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, ...ENV },
      encoding: 'utf8',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect((await readZip(readFileSync(out))).map((e) => e.name)).toContain('manifest.json');
    const unzip = spawnSync('unzip', ['-t', out], { encoding: 'utf8' });
    if (!unzip.error) expect(unzip.stdout).toContain('No errors detected');

    const env = { ...process.env };
    for (const k of Object.keys(ENV)) delete env[k];
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'bot/channels/teams/package.ts', '--out', join(tmp, 'no.zip')], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('MICROSOFT_APP_ID: required');
    expect(existsSync(join(tmp, 'no.zip'))).toBe(false);
  });
});

describe('icons', () => {
  it('the committed icons are what the drawing code produces', () => {
    const color = decodePng(readFileSync(join(ASSETS_DIR, 'color.png')));
    expect(Buffer.from(color.rgba).equals(Buffer.from(drawColorIcon().rgba))).toBe(true);
    const outline = decodePng(readFileSync(join(ASSETS_DIR, 'outline.png')));
    expect(Buffer.from(outline.rgba).equals(Buffer.from(drawOutlineIcon().rgba))).toBe(true);
  });

  it('the color icon is opaque and the outline icon is white on transparent', () => {
    const color = drawColorIcon();
    expect(color.rgba.filter((_, i) => i % 4 === 3 && color.rgba[i] !== 255).length).toBe(0);
    const outline = drawOutlineIcon();
    let opaque = 0;
    let clear = 0;
    let notWhite = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) clear++;
      else {
        opaque++;
        if (outline.rgba[i] !== 255 || outline.rgba[i + 1] !== 255 || outline.rgba[i + 2] !== 255) notWhite++;
      }
    }
    expect(notWhite).toBe(0);
    expect(opaque).toBeGreaterThan(100);
    expect(clear).toBeGreaterThan(100);
  });
});

describe('png', () => {
  it('round-trips a PNG and rejects a damaged one', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => i * 9);
    const png = encodePng({ width: 3, height: 2, rgba });
    expect(decodePng(png)).toEqual({ width: 3, height: 2, rgba });
    const bad = Buffer.from(png);
    bad[20] = bad[20]! ^ 0xff;
    expect(() => decodePng(bad)).toThrow(/CRC mismatch in IHDR/);
  });
});
