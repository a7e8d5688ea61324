/**
 * PDF text per page, with line breaks rebuilt from the text items' positions (pdfjs gives positioned fragments,
 * not lines). A vertical jump larger than a line adds a blank line, which paragraph rebuilding reads as a break.
 */
import { IngestError } from './errors.js';

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

export async function readPdfPages(file: string, bytes: Uint8Array): Promise<string[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of (and detaches) the buffer it is given; hand it a copy.
  const data = new Uint8Array(bytes);
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (e) {
    const name = (e as Error)?.name ?? '';
    if (name === 'PasswordException') throw new IngestError(file, 'PDF is encrypted (a password is required to read it)');
    throw new IngestError(file, `cannot read PDF: ${name || 'error'}: ${(e as Error)?.message ?? String(e)}`);
  }
  try {
    const pages: string[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(itemsToLines(content.items.flatMap((i) => ('str' in i ? [i as Item] : []))));
      page.cleanup();
    }
    return pages;
  } catch (e) {
    throw new IngestError(file, `cannot extract text from PDF: ${(e as Error)?.message ?? String(e)}`);
  } finally {
    await doc.destroy();
  }
}

export function itemsToLines(items: Item[]): string[] {
  const lines: string[] = [];
  let line = '';
  let lastY: number | undefined;
  let lastXEnd: number | undefined;
  let lastHeight = 10;
  const push = () => {
    lines.push(line.replace(/\s+$/, ''));
    line = '';
  };
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const h = item.height || Math.abs(item.transform[3] ?? 0) || lastHeight;
    if (lastY !== undefined && Math.abs(y - lastY) > h * 0.5) {
      if (line !== '') push();
      // A jump of well over one line height means vertical white space: keep it as a blank line.
      if (Math.abs(lastY - y) > Math.max(h, lastHeight) * 1.9) lines.push('');
      lastXEnd = undefined;
    } else if (lastXEnd !== undefined && x - lastXEnd > h * 0.2 && !/\s$/.test(line) && !/^\s/.test(item.str)) {
      line += ' ';
    }
    line += item.str;
    if (item.str !== '' || item.width > 0) {
      lastY = y;
      lastXEnd = x + item.width;
      lastHeight = h;
    }
    if (item.hasEOL) {
      push();
      lastXEnd = undefined;
    }
  }
  if (line !== '') push();
  return lines;
}
