/**
 * How fresh the knowledge cards are: per card the source version, when and how its facts were verified, the date
 * of the law text it follows, and the signals a maintainer acts on (verification too old, title only, law text
 * older than a known amendment, law card without a text date). Pure: cards and dates in, a report out; the CLI is
 * `knowledge/check.ts` (`npm run knowledge:check`).
 */
import type { Verification } from './taxonomy.js';

/** A change of a law that the cards must have caught up with. Add a row when a relevant amendment enters into force. */
export interface KnownAmendment {
  id: string;
  /** Document code of the cards it affects. */
  doc: string;
  /** Only these sections (e.g. ["art. 7"]); all cards of the document when absent. */
  sections?: readonly string[];
  title: string;
  /** Date of entry into force, YYYY-MM-DD. */
  inForce: string;
  /** Where the date was verified. */
  source: string;
}

export const KNOWN_AMENDMENTS: readonly KnownAmendment[] = [
  {
    id: 'wet-bevorderen-integriteit-decentraal-bestuur',
    doc: 'GEMEENTEWET',
    title: 'Wet bevorderen integriteit en functioneren decentraal bestuur (Stb. 2022, 444; geheimhouding per 1 april 2023)',
    inForce: '2023-01-01',
    source: 'https://www.politiekeambtsdragers.nl/actueel/nieuws/2022/12/16/wet-bevorderen-integriteit-en-functioneren-decentraal-bestuur-per-1-januari-in-werking',
  },
  {
    id: 'wet-bescherming-klokkenluiders',
    doc: 'WHK',
    title: 'Wet bescherming klokkenluiders, vervangt de Wet Huis voor klokkenluiders (inwerkingtreding Stb. 2023, 52)',
    inForce: '2023-02-18',
    source: 'https://www.wetbeschermingklokkenluiders.nl/actueel/nieuws/2023/02/20/de-wet-bescherming-klokkenluiders-is-in-werking-getreden',
  },
  {
    id: 'ambtenarenwet-2017',
    doc: 'AW',
    title: 'Ambtenarenwet 2017 (Wet normalisering rechtspositie ambtenaren)',
    inForce: '2020-01-01',
    source: 'https://www.wnra.nl/actueel/nieuws/2018/05/24/integriteit-onder-de-ambtenarenwet-2017-wat-verandert-er',
  },
];

export interface CardInfo {
  file: string;
  doc: string;
  section: string;
  version: string;
  verified: Verification;
  verifiedAt: readonly string[];
  /** The card's own `verifiedOn`. */
  verifiedOn?: string;
  /** Date of the last commit that changed the card, the fallback when it has no `verifiedOn`. */
  changedOn?: string;
  geldendVanaf?: string;
}

export type Signal = 'verouderd' | 'alleen-titel' | 'wijziging-na-tekst' | 'tekstdatum-ontbreekt' | 'controledatum-onbekend';

export const SIGNAL_TEXT: Record<Signal, string> = {
  verouderd: 'controle ouder dan de maximale leeftijd',
  'alleen-titel': 'alleen de titel is bekend (title-only)',
  'wijziging-na-tekst': 'de gevolgde wettekst is ouder dan een bekende wetswijziging',
  'tekstdatum-ontbreekt': 'wetskaart zonder geldendVanaf',
  'controledatum-onbekend': 'geen verifiedOn en geen commit',
};

export interface CardFreshness extends CardInfo {
  /** The date used for the age check and where it came from. */
  checkedOn?: string;
  checkedFrom: 'kaart' | 'git' | 'onbekend';
  ageMonths?: number;
  amendments: KnownAmendment[];
  signals: Signal[];
}

export interface FreshnessReport {
  now: string;
  maxAgeMonths: number;
  cards: CardFreshness[];
  counts: Record<Signal, number>;
  flagged: number;
}

/** The last day a text date can stand for: "2015" may be any day of 2015, so it counts as 2015-12-31. */
export function latestDay(textDate: string): string {
  return /^\d{4}$/.test(textDate) ? `${textDate}-12-31` : textDate;
}

/** Whole months from `from` to `to` (both YYYY-MM-DD); a month is only counted once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export function assessCard(card: CardInfo, opts: { now: string; maxAgeMonths: number; amendments?: readonly KnownAmendment[] }): CardFreshness {
  const amendments = opts.amendments ?? KNOWN_AMENDMENTS;
  const signals: Signal[] = [];
  const checkedOn = card.verifiedOn ?? card.changedOn;
  const checkedFrom = card.verifiedOn ? 'kaart' : card.changedOn ? 'git' : 'onbekend';
  const ageMonths = checkedOn ? monthsBetween(checkedOn, opts.now) : undefined;
  if (ageMonths === undefined) signals.push('controledatum-onbekend');
  else if (ageMonths >= opts.maxAgeMonths) signals.push('verouderd');
  if (card.verified === 'title-only') signals.push('alleen-titel');
  const relevant = amendments.filter((a) => a.doc === card.doc && (!a.sections || a.sections.includes(card.section)));
  const missed = card.geldendVanaf ? relevant.filter((a) => latestDay(card.geldendVanaf!) < a.inForce) : [];
  if (missed.length) signals.push('wijziging-na-tekst');
  if (!card.geldendVanaf && relevant.length) signals.push('tekstdatum-ontbreekt');
  return { ...card, ...(checkedOn ? { checkedOn } : {}), checkedFrom, ...(ageMonths !== undefined ? { ageMonths } : {}), amendments: missed, signals };
}

export function freshnessReport(cards: readonly CardInfo[], opts: { now: string; maxAgeMonths: number; amendments?: readonly KnownAmendment[] }): FreshnessReport {
  if (!Number.isInteger(opts.maxAgeMonths) || opts.maxAgeMonths < 1) throw new Error('maxAgeMonths: must be a whole number of at least 1');
  const assessed = [...cards].sort((a, b) => a.file.localeCompare(b.file, undefined, { numeric: true })).map((c) => assessCard(c, opts));
  const counts = Object.fromEntries(Object.keys(SIGNAL_TEXT).map((s) => [s, 0])) as Record<Signal, number>;
  for (const c of assessed) for (const s of c.signals) counts[s]++;
  return { now: opts.now, maxAgeMonths: opts.maxAgeMonths, cards: assessed, counts, flagged: assessed.filter((c) => c.signals.length > 0).length };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function summaryText(report: FreshnessReport): string {
  const lines = [
    `Kennisversheid: ${report.cards.length} kaarten, ${report.flagged} met een signaal (peildatum ${report.now}, maximale leeftijd ${report.maxAgeMonths} maanden).`,
    ...(Object.keys(SIGNAL_TEXT) as Signal[]).map((s) => `  ${String(report.counts[s]).padStart(3)}  ${s}: ${SIGNAL_TEXT[s]}`),
  ];
  const amended = new Map<string, string[]>();
  for (const c of report.cards) for (const a of c.amendments) amended.set(a.id, [...(amended.get(a.id) ?? []), c.file]);
  for (const a of KNOWN_AMENDMENTS) {
    const files = amended.get(a.id);
    if (files) lines.push(`Na te lopen op ${a.title}, in werking ${a.inForce}: ${files.length} kaart(en): ${files.map((f) => f.replace(/^.*corpus\//, '')).join(', ')}`);
  }
  const old = report.cards.filter((c) => c.signals.includes('verouderd') || c.signals.includes('controledatum-onbekend'));
  if (old.length) lines.push(`Opnieuw te controleren (te oud of datum onbekend): ${old.map((c) => c.file.replace(/^.*corpus\//, '')).join(', ')}`);
  return lines.join('\n');
}

export function reportText(report: FreshnessReport): string {
  const rows = [
    ['kaart', 'methode', 'gecontroleerd', 'tekst geldend vanaf', 'signalen', 'bronversie'],
    ...report.cards.map((c) => [
      c.file.replace(/^.*corpus\//, ''),
      c.verified,
      c.checkedOn ? `${c.checkedOn} (${c.checkedFrom})` : 'onbekend',
      c.geldendVanaf ?? '–',
      c.signals.join(', ') || '–',
      c.version.length > 70 ? `${c.version.slice(0, 69)}…` : c.version,
    ]),
  ];
  return `${table(rows)}\n\n${summaryText(report)}`;
}
