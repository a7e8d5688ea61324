import { describe, expect, it } from 'vitest';
import { citationLabel, sectionLabel, shortCitationLabel } from './citation.js';

describe('citation labels', () => {
  it('numbers sections the way the documents do, and hides internal slugs', () => {
    expect(sectionLabel('4.1')).toBe('§4.1');
    expect(sectionLabel('art. 15')).toBe('art. 15');
    expect(sectionLabel('Bijlage 2')).toBe('Bijlage 2');
    expect(sectionLabel('bijlage-model-integriteitsverklaring')).toBe('');
    expect(sectionLabel('intern-extern')).toBe('');
  });

  it('builds the long and the short label', () => {
    const gir = { doc: 'GIR', docTitle: 'Gedragscode Integriteit Rijk', section: '4.1', sectionTitle: 'Geschenken' };
    const vp = { doc: 'KADER-VP', docTitle: 'Kader vertrouwenspersonen', section: 'intern-extern', sectionTitle: 'Interne en externe vertrouwenspersoon' };
    expect(citationLabel(gir)).toBe('Gedragscode Integriteit Rijk §4.1 (Geschenken)');
    expect(citationLabel(vp)).toBe('Kader vertrouwenspersonen (Interne en externe vertrouwenspersoon)');
    expect(shortCitationLabel(gir)).toBe('GIR §4.1');
    expect(shortCitationLabel({ doc: 'GEMEENTEWET', section: 'art. 28' })).toBe('GEMEENTEWET art. 28');
    expect(shortCitationLabel(vp)).toBe('KADER-VP');
  });
});
