import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { handoffContacts, isFictional, loadDirectory, parseDirectory } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'directory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDirectory', () => {
  it('loads the shipped example with fictional example.org people', () => {
    const d = loadDirectory('config/vertrouwenspersonen.example.yaml');
    expect(d.internal.length).toBeGreaterThanOrEqual(1);
    for (const vp of d.internal) expect(vp.email).toMatch(/@example\.org$/);
    expect(d.huisVoorKlokkenluiders.phone).toBe('088-133 10 00');
    const roles = handoffContacts(d).map((c) => c.role);
    expect(roles).toEqual(['internal-vp', 'internal-vp', 'external-vp', 'coordinator', 'huis-klokkenluiders']);
  });

  it('knows the shipped example lists fictional people, and an organisation\'s own directory does not', () => {
    expect(isFictional(loadDirectory('config/vertrouwenspersonen.example.yaml'))).toBe(true);
    const own = parseDirectory({ organisation: 'Ministerie van Voorbeeldzaken', internal: [{ id: 'vp-x', name: 'Xandra Yilmaz', email: 'x@minvz.nl' }], coordinator: { name: 'C D', email: 'c@minvz.nl' } });
    expect(isFictional(own)).toBe(false);
  });

  it('fills the Huis voor Klokkenluiders defaults and reads JSON', () => {
    const p = join(dir, 'd.json');
    writeFileSync(p, JSON.stringify({ internal: [{ id: 'vp-x', name: 'X Y', email: 'x@example.org' }], coordinator: { name: 'C D', email: 'c@example.org' } }));
    const d = loadDirectory(p);
    expect(d.huisVoorKlokkenluiders.url).toBe('https://www.huisvoorklokkenluiders.nl');
    expect(d.internal[0]?.languages).toEqual(['nl']);
  });

  it('names the field path of a wrong value', () => {
    const p = join(dir, 'bad.yaml');
    writeFileSync(p, stringify({ internal: [{ id: 'vp-x', name: 'X Y', email: 'not-an-email' }], coordinator: { name: 'C D', email: 'c@example.org' } }));
    expect(() => loadDirectory(p)).toThrow(/internal\[0\]\.email: Invalid email/);
  });

  it('rejects unknown fields, duplicate ids and a missing coordinator', () => {
    expect(() => parseDirectory({ internal: [{ id: 'vp-x', name: 'X Y', email: 'x@example.org', mail: 'y' }], coordinator: { name: 'C D', email: 'c@example.org' } })).toThrow(/internal\[0\]: Unrecognized key/);
    expect(() => parseDirectory({ internal: [{ id: 'vp-x', name: 'X Y', email: 'x@example.org' }, { id: 'vp-x', name: 'Z Y', email: 'z@example.org' }], coordinator: { name: 'C D', email: 'c@example.org' } })).toThrow(/internal\[1\]\.id: duplicate id/);
    expect(() => parseDirectory({ internal: [{ id: 'vp-x', name: 'X Y', email: 'x@example.org' }] })).toThrow(/coordinator: Required/);
  });

  it('names the file when it is missing or not YAML', () => {
    expect(() => loadDirectory(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: cannot read/);
    const p = join(dir, 'broken.yaml');
    writeFileSync(p, 'internal: [\n  - id: x\n');
    expect(() => loadDirectory(p)).toThrow(/broken\.yaml: not valid YAML/);
  });
});
