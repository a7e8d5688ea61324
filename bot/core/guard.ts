/** First gate for every message: size, emptiness and language. Never looks at content beyond that. */
import { detectLang } from './lang.js';
import type { Lang, Message } from './types.js';

export const DEFAULT_MAX_CHARS = 2000;

export type GuardResult =
  | { ok: true; text: string; lang: Lang }
  | { ok: false; reason: 'empty' | 'too-long'; lang: Lang };

export function guard(message: Message, maxChars = DEFAULT_MAX_CHARS): GuardResult {
  const text = (message.text ?? '').replace(/\u0000/g, '').trim();
  // Language of an oversized message: judged on its start only, so the check stays cheap.
  const lang = message.lang ?? detectLang(text.slice(0, 500));
  if (text === '') return { ok: false, reason: 'empty', lang };
  if (text.length > maxChars) return { ok: false, reason: 'too-long', lang };
  return { ok: true, text, lang };
}
