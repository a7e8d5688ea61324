import { describe, expect, it } from 'vitest';
import { citationLabel, sectionLabel, shortCitationLabel, textDateLabel } from './citation.js';

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

  it('says how fresh a law text is, and says nothing when the card has no date', () => {
    expect(textDateLabel('2023-02-18')).toBe('tekst geldend vanaf 18 februari 2023');
    expect(textDateLabel('2023-01-01', 'en')).toBe('text in force from 1 January 2023');
    expect(textDateLabel('2015')).toBe('tekst van ca. 2015');
    expect(textDateLabel(undefined)).toBe('');
    expect(textDateLabel('binnenkort')).toBe('');
    const gw = { doc: 'GEMEENTEWET', docTitle: 'Gemeentewet', section: 'art. 15', sectionTitle: 'Verboden handelingen raadslid', geldendVanaf: '2015' };
    expect(citationLabel(gw)).toBe('Gemeentewet art. 15, tekst van ca. 2015 (Verboden handelingen raadslid)');
    const whk = { doc: 'WHK', docTitle: 'Wet bescherming klokkenluiders', section: 'art. 2', sectionTitle: 'Interne meldprocedure', geldendVanaf: '2023-02-18' };
    expect(citationLabel(whk, 'en')).toBe('Wet bescherming klokkenluiders art. 2, text in force from 18 February 2023 (Interne meldprocedure)');
    expect(shortCitationLabel(whk)).toBe('WHK art. 2, tekst geldend vanaf 18 februari 2023');
  });
});
