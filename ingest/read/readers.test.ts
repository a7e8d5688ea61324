import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx, makePdf } from '../testing/fixtures.js';
import { readDocxSections } from './docx.js';
import { IngestError, UnsupportedSourceError } from './errors.js';
import { htmlToSections } from './html.js';
import { readSource } from './index.js';
import { readPdfPages } from './pdf.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'readers-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = 'Gedragscode Testdam 2024';
const pdfPages = [
  [header, '', '1 Inleiding', 'Deze code geldt voor alle medewerkers van de gemeente.', 'Zij beschrijft hoe je omgaat met integriteits-', 'schendingen en wie je kunt bellen.', '', '', '', '1'],
  [header, '', '2 Geschenken', 'Een geschenk van meer dan 50 euro meld je bij de integriteitscoördinator', 'in Noord-', 'Holland en elders.', '', '', '', '2'],
  [header, '', '3 Slot', 'Deze code gaat in op 1 januari 2025.', '', '', '', '', '', '3'],
];

describe('PDF reader', () => {
  it('reads text per page with line breaks rebuilt from positions', async () => {
    const pages = await readPdfPages('code.pdf', makePdf(pdfPages));
    expect(pages).toHaveLength(3);
    expect(pages[0]![0]).toBe(header);
    expect(pages[0]).toContain('1 Inleiding');
    expect(pages[1]).toContain('Een geschenk van meer dan 50 euro meld je bij de integriteitscoördinator');
    // The vertical gap after the header shows up as a blank line.
    expect(pages[0]![1]).toBe('');
  });

  it('gives chunks with sections, without the running header and page numbers, words joined', async () => {
    const file = path.join(dir, 'code.pdf');
    writeFileSync(file, makePdf(pdfPages));
    writeFileSync(`${file}.meta.yaml`, 'doc: TESTDAM\ndocTitle: Gedragscode Testdam\nurl: https://example.org/code\ntopics: [geschenken]\n');
    const chunks = await readSource({ file, sourcePath: 'extra/code.pdf' }, makePdf(pdfPages));
    expect(chunks.map((c) => [c.id, c.sectionTitle])).toEqual([
      ['TESTDAM:1:1', 'Inleiding'],
      ['TESTDAM:2:1', 'Geschenken'],
      ['TESTDAM:3:1', 'Slot'],
    ]);
    expect(chunks[0]!.text).toContain('integriteitsschendingen en wie');
    expect(chunks[1]!.text).toContain('Noord-Holland');
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).not.toContain(header);
    expect(all).not.toMatch(/(^|\n)\d(\n|$)/);
    expect(chunks[0]).toMatchObject({ doc: 'TESTDAM', docTitle: 'Gedragscode Testdam', url: 'https://example.org/code', topics: ['geschenken'], sourcePath: 'extra/code.pdf' });
  });

  it('rejects a corrupt PDF with the file name and reason', async () => {
    const good = makePdf(pdfPages);
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('garbage that is not a pdf body '.repeat(20))]);
    await expect(readPdfPages('kapot.pdf', corrupt)).rejects.toThrowError(/^kapot\.pdf: cannot read PDF: /);
    await expect(readPdfPages('leeg.pdf', new Uint8Array())).rejects.toThrowError(/^leeg\.pdf: cannot read PDF/);
    // A truncated file (half the bytes) is also named.
    await expect(readPdfPages('half.pdf', good.subarray(0, 200))).rejects.toThrowError(/^half\.pdf: /);
  });

  it('rejects an encrypted PDF as encrypted', async () => {
    // An /Encrypt entry in the trailer is enough for pdfjs to ask for a password.
    const pdf = makePdf([['Geheim']]).toString('latin1');
    const encObj = '99 0 obj\n<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>\nendobj\n';
    const withEnc = pdf
      .replace(/xref\n/, `${encObj}xref\n`)
      .replace('/Root 1 0 R >>', '/Root 1 0 R /Encrypt 99 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>');
    await expect(readPdfPages('geheim.pdf', Buffer.from(withEnc, 'latin1'))).rejects.toThrowError(/^geheim\.pdf: PDF is encrypted/);
  });
});

describe('HTML reader', () => {
  it('turns h1–h4 into sections, drops navigation, scripts and styles', () => {
    const html = `<!doctype html><html><head><style>p{color:red}</style><script>var x = "Artikel 99";</script></head><body>
      <nav><a href="/">Home</a> <a href="/menu">Menu met Artikel 98</a></nav>
      <h1>Gemeentewet</h1>
      <h3>Artikel 15</h3><p>1. Een wethouder mag niet deelnemen aan opdrachten van de gemeente.</p>
      <ul><li>niet als aannemer</li><li>niet als borg</li></ul>
      <h4>Toelichting</h4><p>Extra uitleg.</p>
      <h3>Artikel 15a. Openbaarmaking</h3><div>Tekst <b>in</b> een div.</div>
      <script>alert(1)</script></body></html>`;
    const secs = htmlToSections(html);
    expect(secs.map((s) => [s.section, s.title])).toEqual([
      ['', ''],
      ['art. 15', ''],
      ['art. 15a', 'Openbaarmaking'],
    ]);
    expect(secs[0]!.paragraphs).toEqual(['Gemeentewet']);
    expect(secs[1]!.paragraphs).toEqual([
      '1. Een wethouder mag niet deelnemen aan opdrachten van de gemeente.',
      '• niet als aannemer',
      '• niet als borg',
      'Toelichting',
      'Extra uitleg.',
    ]);
    expect(secs[2]!.paragraphs).toEqual(['Tekst in een div.']);
    const all = JSON.stringify(secs);
    expect(all).not.toContain('Menu');
    expect(all).not.toContain('alert');
    expect(all).not.toContain('color:red');
  });

  it('prefers the <main> region over site header and footer', () => {
    const secs = htmlToSections('<body><header><h1>Rijksoverheid</h1><p>Zoeken</p></header><main><h2>4.1 Geschenken</h2><p>Regel.</p></main><footer><p>Privacy | Cookies</p></footer></body>');
    expect(secs).toEqual([{ section: '4.1', title: 'Geschenken', paragraphs: ['Regel.'], footnotes: [] }]);
  });

  it('uses the heading text as section when a document has no numbering', () => {
    const secs = htmlToSections('<h2>Geschenken</h2><p>Tekst A.</p><h2>Nevenwerk</h2><p>Tekst B.</p>');
    expect(secs.map((s) => [s.section, s.paragraphs])).toEqual([
      ['Geschenken', ['Tekst A.']],
      ['Nevenwerk', ['Tekst B.']],
    ]);
  });
});

describe('DOCX reader', () => {
  it('reads Word headings as sections via mammoth', async () => {
    const bytes = await makeDocx([
      { text: 'Integriteitsregeling Testdam', heading: 1 },
      { text: '4.1 Geschenken', heading: 2 },
      { text: 'Meld elk geschenk bij je leidinggevende.' },
      { text: '4.2 Uitnodigingen', heading: 2 },
      { text: 'Overleg eerst met je leidinggevende.' },
    ]);
    const secs = await readDocxSections('regeling.docx', bytes);
    expect(secs.map((s) => [s.section, s.title, s.paragraphs])).toEqual([
      ['', '', ['Integriteitsregeling Testdam']],
      ['4.1', 'Geschenken', ['Meld elk geschenk bij je leidinggevende.']],
      ['4.2', 'Uitnodigingen', ['Overleg eerst met je leidinggevende.']],
    ]);
  });

  it('names the file when the DOCX is not a zip', async () => {
    await expect(readDocxSections('kapot.docx', Buffer.from('geen zip'))).rejects.toThrowError(/^kapot\.docx: cannot read DOCX/);
  });
});

describe('readSource', () => {
  it('uses CLI flags when there is no sidecar, and errors clearly without either', async () => {
    const file = path.join(dir, 'regels.txt');
    writeFileSync(file, '1 Regels\nJe meldt nevenwerk vooraf.\n');
    await expect(readSource({ file, sourcePath: 'regels.txt' }, Buffer.from('x'))).rejects.toThrowError(
      /^regels\.txt: no document code and title: add .*regels\.txt\.meta\.yaml .* or pass --doc CODE --title/,
    );
    const chunks = await readSource(
      { file, sourcePath: 'regels.txt', flags: { doc: 'EIGEN', title: 'Eigen regeling', url: 'https://example.org/eigen' } },
      Buffer.from('1 Regels\nJe meldt nevenwerk vooraf.\n'),
    );
    expect(chunks.map((c) => [c.id, c.doc, c.docTitle, c.url])).toEqual([['EIGEN:1:1', 'EIGEN', 'Eigen regeling', 'https://example.org/eigen']]);
  });

  it('names the sidecar and field when the sidecar is invalid', async () => {
    const file = path.join(dir, 'slecht.txt');
    writeFileSync(`${file}.meta.yaml`, 'doc: kleine letters\ndocTitle: Iets\n');
    await expect(readSource({ file, sourcePath: 'slecht.txt' }, Buffer.from('tekst'))).rejects.toThrowError(/slecht\.txt\.meta\.yaml: doc: invalid source metadata/);
  });

  it('reports an unsupported extension as UnsupportedSourceError', async () => {
    const err = await readSource({ file: path.join(dir, 'foto.jpg'), sourcePath: 'foto.jpg' }, Buffer.from('x')).catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedSourceError);
    expect(err).toBeInstanceOf(IngestError);
    expect(err.message).toMatch(/^foto\.jpg: unsupported file type "\.jpg"/);
  });
});
