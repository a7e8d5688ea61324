/**
 * Sealed tokens: how a button carries the user's message to the next turn without the server keeping it and
 * without the message travelling in plain text. AES-256-GCM (authenticated: a changed byte fails to open) over the
 * deflated message, with an expiry inside the sealed part. Keys live in process memory: either configured
 * (SEAL_KEYS, so replicas agree; the first seals, all open, so an operator rotates by prepending a new key) or
 * random per process and rotated every `rotateMs`, the previous key kept long enough to open what it sealed.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { Lang } from './types.js';

export interface Sealed {
  text: string;
  lang: Lang;
}

export interface Sealer {
  /** A token of at most `maxLength` characters; a message too long to fit is shortened (head and tail kept). */
  seal(value: Sealed): string;
  /** The sealed value, or null when the token is forged, damaged, expired or sealed with an unknown key. */
  open(token: string): Sealed | null;
}

export interface SealerOptions {
  /** 32-byte keys; the first seals. Without keys a random key is made and rotated. */
  keys?: Buffer[];
  ttlMs?: number;
  rotateMs?: number;
  /** Slack allows 2,000 characters in a button value; the route and separators need a few. */
  maxLength?: number;
  now?: () => number;
}

const AAD = Buffer.from('integriteitsbot/sealed/v1');
const Payload = z.object({ t: z.string(), l: z.enum(['nl', 'en']), x: z.number() });

const keyId = (key: Buffer) => createHash('sha256').update(key).digest().subarray(0, 4);

export function parseSealKeys(value: string): Buffer[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const key = Buffer.from(s, 'base64');
      if (key.length !== 32) throw new Error('every seal key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
      return key;
    });
}

export function createSealer(opts: SealerOptions = {}): Sealer {
  const now = opts.now ?? Date.now;
  const ttlMs = opts.ttlMs ?? 30 * 60_000;
  const rotateMs = opts.rotateMs ?? 6 * 60 * 60_000;
  const maxLength = opts.maxLength ?? 1900;
  const configured = opts.keys && opts.keys.length > 0;
  let keys: Buffer[] = configured ? [...opts.keys!] : [randomBytes(32)];
  let rotatedAt = now();

  function current(): Buffer {
    if (!configured && now() - rotatedAt >= rotateMs) {
      // The old key stays for opening: its tokens expire within ttlMs, far less than a rotation period.
      keys = [randomBytes(32), keys[0]!];
      rotatedAt = now();
    }
    return keys[0]!;
  }

  function sealRaw(value: Sealed): string {
    const key = current();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(AAD);
    const plain = deflateRawSync(Buffer.from(JSON.stringify({ t: value.text, l: value.lang, x: now() + ttlMs })));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([keyId(key), iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  return {
    seal(value) {
      let text = value.text;
      let token = sealRaw({ ...value, text });
      // Deflate makes the length hard to predict, so shorten and retry; the question usually sits at the end.
      while (token.length > maxLength && text.length > 20) {
        const keep = Math.floor(text.length * 0.8);
        text = `${text.slice(0, Math.ceil(keep / 2))} … ${text.slice(text.length - Math.floor(keep / 2))}`;
        token = sealRaw({ ...value, text });
      }
      return token;
    },
    open(token) {
      try {
        const raw = Buffer.from(token, 'base64url');
        if (raw.length < 4 + 12 + 16 + 1) return null;
        const key = keys.find((k) => keyId(k).equals(raw.subarray(0, 4)));
        if (!key) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(4, 16));
        decipher.setAAD(AAD);
        decipher.setAuthTag(raw.subarray(16, 32));
        const plain = Buffer.concat([decipher.update(raw.subarray(32)), decipher.final()]);
        const p = Payload.parse(JSON.parse(inflateRawSync(plain, { maxOutputLength: 64_000 }).toString('utf8')));
        if (p.x < now()) return null;
        return { text: p.t, lang: p.l };
      } catch {
        return null;
      }
    },
  };
}
