/** Plain text sources (often a PDF dump): decode and split into pages for clean-up. */
import { splitPages } from '../clean.js';
import { IngestError } from './errors.js';

export function readTextPages(file: string, bytes: Uint8Array): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError(file, 'text file is not valid UTF-8');
  }
  return splitPages(text.replace(/^\uFEFF/, ''));
}
