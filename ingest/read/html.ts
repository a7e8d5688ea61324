/**
 * HTML sources: headings h1–h4 are section candidates; navigation, scripts and styles are dropped; block elements
 * become paragraphs. Numbered headings ("4.1 Geschenken", "Artikel 15") give the section; in a document with
 * numbered headings, an unnumbered heading stays inside the current section as a subheading paragraph. In a
 * document without any numbering, each heading's text serves as its section.
 */
import { parse, type HTMLElement, type Node } from 'node-html-parser';
import { parseHeading, type Section } from '../sections.js';

const DROP = new Set(['nav', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button']);
const HEADING = /^h[1-4]$/;
const BLOCK_TEXT = new Set(['p', 'li', 'pre', 'blockquote', 'dd', 'dt', 'caption', 'td', 'th', 'h5', 'h6', 'figcaption']);
const HAS_BLOCKS = new Set(['p', 'ul', 'ol', 'table', 'div', 'section', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4']);

type Block = { kind: 'heading'; text: string } | { kind: 'text'; text: string };

function clean(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'em', 'i', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'font', 'label', 'del', 'ins']);

function collect(node: Node, out: Block[]): void {
  // Runs of text and inline elements between blocks form one paragraph.
  let inline = '';
  const flush = () => {
    const t = clean(inline);
    if (t) out.push({ kind: 'text', text: t });
    inline = '';
  };
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      inline += child.text;
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    if (DROP.has(tag) || el.getAttribute('role') === 'navigation' || el.getAttribute('aria-hidden') === 'true') continue;
    if (INLINE.has(tag)) {
      inline += el.text;
      continue;
    }
    if (tag === 'br') {
      inline += ' ';
      continue;
    }
    flush();
    if (HEADING.test(tag)) {
      const t = clean(el.text);
      if (t) out.push({ kind: 'heading', text: t });
    } else if (BLOCK_TEXT.has(tag) && !el.childNodes.some((c) => c.nodeType === 1 && HAS_BLOCKS.has((c as HTMLElement).tagName?.toLowerCase() ?? ''))) {
      const t = clean(el.text);
      if (t) out.push({ kind: 'text', text: tag === 'li' ? `• ${t}` : t });
    } else {
      collect(el, out);
    }
  }
  flush();
}

export function htmlToSections(html: string): Section[] {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  // The page's own content region, when marked, leaves site headers, footers and cookie banners out.
  const body = root.querySelector('main') ?? root.querySelector('article') ?? root.querySelector('body') ?? root;
  const blocks: Block[] = [];
  collect(body, blocks);
  const parsed = blocks.map((b) => (b.kind === 'heading' ? parseHeading([b.text], 0) : undefined));
  const numbered = parsed.some((h) => h !== undefined);
  const sections: Section[] = [];
  let current: Section = { section: '', title: '', paragraphs: [], footnotes: [] };
  const close = () => {
    if (current.paragraphs.length > 0 || current.section !== '') sections.push(current);
  };
  blocks.forEach((b, i) => {
    if (b.kind === 'text') {
      current.paragraphs.push(b.text);
      return;
    }
    const h = parsed[i];
    if (h) {
      close();
      current = { section: h.section, title: h.title, paragraphs: [], footnotes: [] };
    } else if (numbered) {
      current.paragraphs.push(b.text);
    } else {
      close();
      current = { section: b.text.slice(0, 80), title: b.text, paragraphs: [], footnotes: [] };
    }
  });
  close();
  return sections;
}
