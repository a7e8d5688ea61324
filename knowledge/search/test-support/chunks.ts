/** A small hand-written corpus for retrieval tests (not official text; just enough to tell sections apart). */
import type { Chunk } from '../../chunk.js';

type Spec = Pick<Chunk, 'doc' | 'section' | 'sectionTitle' | 'questions' | 'text'> & Partial<Chunk>;

export function chunk(spec: Spec): Chunk {
  return {
    id: `${spec.doc}:${spec.section}:1`,
    docTitle: spec.doc === 'GEMEENTEWET' ? 'Gemeentewet' : 'Gedragscode Integriteit Rijk',
    audience: ['medewerker'],
    topics: ['algemeen'],
    precedence: 0,
    sourcePath: `knowledge/corpus/${spec.doc}/${spec.section}.md`,
    sourceHash: 'x',
    ...spec,
  };
}

export function smallCorpus(): Chunk[] {
  return [
    chunk({
      doc: 'GIR', section: '4.1', sectionTitle: 'Geschenken en andere voordelen', topics: ['geschenken'],
      questions: ['Mag ik een fles wijn van een klant houden?', 'Hoe duur mag een bedankje zijn?'],
      kern: 'Een relatiegeschenk neem je alleen aan met toestemming en tot een bedrag van 50 euro.',
      text: 'Een relatiegeschenk of ander voordeel van een externe partij accepteer je alleen met toestemming van je leidinggevende. De grens ligt op 50 euro. Stuur duurdere geschenken terug.',
    }),
    chunk({
      doc: 'GIR', section: '4.5', sectionTitle: 'Nevenwerkzaamheden', topics: ['nevenwerkzaamheden'],
      questions: ['Moet ik mijn bijbaan doorgeven?', 'Mag ik naast mijn werk lesgeven?'],
      kern: 'Nevenwerkzaamheden die de belangen van de dienst kunnen raken meld je vooraf.',
      text: 'Nevenfuncties en nevenwerkzaamheden meld je bij je werkgever als ze de dienst kunnen raken. Betaalde en onbetaalde nevenfuncties tellen allebei.',
      audience: ['medewerker', 'leidinggevende'],
    }),
    chunk({
      doc: 'GIR', section: '8.4', sectionTitle: 'De rol van de vertrouwenspersoon', topics: ['vertrouwenspersoon'],
      questions: ['Met wie kan ik vertrouwelijk praten over een vermoeden?'],
      kern: 'De vertrouwenspersoon integriteit luistert, adviseert en helpt bij het melden van een vermoeden.',
      text: 'Een vertrouwenspersoon integriteit is een aanspreekpunt bij een vermoeden van een integriteitsschending. Het gesprek is vertrouwelijk.',
    }),
    chunk({
      doc: 'GIR', section: '4.4', sectionTitle: 'Financiële belangen en handel in effecten', topics: ['financiele-belangen'],
      questions: ['Mag ik aandelen hebben in een bedrijf waar wij mee werken?'],
      kern: 'Financiële belangen die je werk kunnen raken meld je; in gevoelige functies gelden extra regels voor effecten.',
      text: 'Handel in effecten kan verboden zijn als je over koersgevoelige informatie beschikt. Meld financiële belangen die met je functie samenhangen.',
    }),
    chunk({
      doc: 'GEMEENTEWET', section: 'art. 15', sectionTitle: 'Verboden handelingen raadsleden', topics: ['verboden-handelingen'],
      questions: ['Wat mag een raadslid niet doen?'],
      kern: 'Een raadslid mag niet als advocaat of adviseur optreden in zaken tegen de gemeente.',
      text: 'Een lid van de raad treedt niet op als advocaat of adviseur in geschillen met de gemeente, en sluit geen overeenkomsten met de gemeente over bepaalde zaken.',
      audience: ['politiek-ambtsdrager'],
    }),
    chunk({
      doc: 'GEMEENTEWET', section: 'art. 28', sectionTitle: 'Stemonthouding bij persoonlijke betrokkenheid', topics: ['stemonthouding'],
      questions: ['Moet ik mij van stemming onthouden als het over mijn eigen bedrijf gaat?'],
      kern: 'Een raadslid neemt niet deel aan een stemming over een aangelegenheid die hem persoonlijk aangaat.',
      text: 'Bij een stemming over een aangelegenheid die een lid persoonlijk aangaat, of waarbij hij als vertegenwoordiger betrokken is, neemt hij niet deel aan de stemming.',
      audience: ['politiek-ambtsdrager'],
    }),
  ];
}
