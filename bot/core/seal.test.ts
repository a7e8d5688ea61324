import { describe, expect, it } from 'vitest';
import { createSealer, parseSealKeys } from './seal.js';

const CANARY = 'CANARY-seal-7f3a mijn teamleider Jansen';

describe('sealed tokens', () => {
  it('opens what it sealed and never shows the text', () => {
    const sealer = createSealer();
    const token = sealer.seal({ text: CANARY, lang: 'nl' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('CANARY');
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('CANARY');
    expect(sealer.open(token)).toEqual({ text: CANARY, lang: 'nl' });
  });

  it('refuses a token with one changed character, a truncated token and garbage', () => {
    const sealer = createSealer();
    const token = sealer.seal({ text: CANARY, lang: 'en' });
    const i = token.length - 5;
    const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect(sealer.open(flipped)).toBeNull();
    expect(sealer.open(token.slice(0, 30))).toBeNull();
    expect(sealer.open('not a token at all')).toBeNull();
    expect(sealer.open('')).toBeNull();
  });

  it('expires', () => {
    let t = 1_000_000;
    const sealer = createSealer({ ttlMs: 60_000, now: () => t });
    const token = sealer.seal({ text: CANARY, lang: 'nl' });
    t += 59_000;
    expect(sealer.open(token)).not.toBeNull();
    t += 2_000;
    expect(sealer.open(token)).toBeNull();
  });

  it('rotates its own key and still opens what the previous key sealed', () => {
    let t = 0;
    const sealer = createSealer({ ttlMs: 60_000, rotateMs: 100_000, now: () => t });
    t = 99_000;
    const before = sealer.seal({ text: 'a', lang: 'nl' });
    t = 100_500;
    const after = sealer.seal({ text: 'b', lang: 'nl' });
    expect(before.slice(0, 6)).not.toBe(after.slice(0, 6)); // another key id
    expect(sealer.open(before)).toEqual({ text: 'a', lang: 'nl' });
    expect(sealer.open(after)).toEqual({ text: 'b', lang: 'nl' });
  });

  it('lets replicas with the same configured keys open each other\'s tokens; another key cannot', () => {
    const keys = parseSealKeys(`${Buffer.alloc(32, 1).toString('base64')},${Buffer.alloc(32, 2).toString('base64')}`);
    const a = createSealer({ keys });
    const b = createSealer({ keys });
    expect(b.open(a.seal({ text: CANARY, lang: 'nl' }))).toEqual({ text: CANARY, lang: 'nl' });
    // Rotation by an operator: the old key moves to second place and keeps opening.
    const rotated = createSealer({ keys: [Buffer.alloc(32, 3), ...keys] });
    expect(rotated.open(a.seal({ text: 'x', lang: 'nl' }))).toEqual({ text: 'x', lang: 'nl' });
    expect(createSealer().open(a.seal({ text: 'x', lang: 'nl' }))).toBeNull();
  });

  it('rejects keys of the wrong length', () => {
    expect(() => parseSealKeys(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('fits a long, incompressible message into the button limit, keeping its end', () => {
    const sealer = createSealer({ maxLength: 1900 });
    const words = Array.from({ length: 400 }, (_, i) => `w${(i * 7919) % 10007}x${i}`).join(' ');
    const text = `${words} mag ik dit cadeau houden?`;
    const token = sealer.seal({ text, lang: 'nl' });
    expect(token.length).toBeLessThanOrEqual(1900);
    const opened = sealer.open(token)!;
    expect(opened.text.endsWith('mag ik dit cadeau houden?')).toBe(true);
    expect(opened.text.length).toBeLessThan(text.length);
  });
});
