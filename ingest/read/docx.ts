/** DOCX sources: mammoth turns Word styles (Heading 1–4) into h1–h4, then the HTML reader takes over. */
import mammoth from 'mammoth';
import type { Section } from '../sections.js';
import { IngestError } from './errors.js';
import { htmlToSections } from './html.js';

export async function readDocxSections(file: string, bytes: Uint8Array): Promise<Section[]> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    html = result.value;
  } catch (e) {
    throw new IngestError(file, `cannot read DOCX: ${(e as Error)?.message ?? String(e)}`);
  }
  return htmlToSections(html);
}
