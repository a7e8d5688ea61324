/** One plain-text rendering of a reply (Slack fallback text, terminal, eval). */
import type { Citation, Contact, Lang, ReplySection } from '../types.js';
import { citationLabel } from '../citation.js';
import { t } from '../messages.js';

export function contactLine(c: Contact): string {
  const routes = [c.email, c.phone, c.url].filter(Boolean).join(', ');
  return routes ? `${c.name}: ${routes}` : c.name;
}

export function renderText(sections: ReplySection[], citations: Citation[], lang: Lang): string {
  const blocks: string[] = [];
  for (const s of sections) {
    const lines: string[] = [];
    if (s.heading) lines.push(`${s.heading}:`);
    if (s.text) lines.push(s.text);
    for (const b of s.bullets ?? []) lines.push(`- ${b}`);
    if (lines.length) blocks.push(lines.join('\n'));
  }
  if (citations.length) {
    blocks.push(
      [`${t('sources', lang)}:`, ...citations.map((c, i) => `[${i + 1}] ${citationLabel(c, lang)}${c.url ? ` ${c.url}` : ''}`)].join('\n'),
    );
  }
  return blocks.join('\n\n');
}
