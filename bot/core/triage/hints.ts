/**
 * Labels beside the route, for trend counts and retrieval: which topic a message is about and who is probably
 * asking. Keyword tables, because they only label (a wrong topic changes a count, never what the user gets), and
 * a coordinator can read them.
 */
import type { Audience, Topic } from '../../../knowledge/taxonomy.js';
import { normalize } from './normalize.js';

/** Words that show a message is about integrity after all ("vakantiedagen" + "nevenwerk" is a real question). */
const INTEGRITY_TERMS =
  /\b(integriteit|integrity|gedragscode|geschenk|cadeau|gift|kerstpakket|relatiegeschenk|uitnodiging|invitation|nevenwerk|nevenfunctie|nevenactiviteit|side job|belang|conflict of interest|leverancier|supplier|vertrouwenspersoon|melden|melding|misstand|klokkenluid|whistleblow|lobby|fraude|fraud|omkop|brib|eed|ambtseed|vertrouwelijk|confidential|gepest|intimid|bedreig|ongewenst)/;

/** Whether a message uses integrity vocabulary at all (used to tell "not covered" from "not our subject"). */
export function mentionsIntegrity(text: string): boolean {
  return INTEGRITY_TERMS.test(normalize(text));
}

export const TOPIC_KEYWORDS: Array<[Topic, RegExp]> = [
  ['omgangsvormen', /pest|intimid|bedreig|lastig ?gevallen|ongewenst|discrimin|uitgescholden|harass|bull(y|ied)|threat|seksue|kleineer|verneder/],
  ['klokkenluiders', /klokkenluid|whistleblow|huis voor klokkenluiders|misstand|maatschappelijk belang/],
  ['geschenken', /geschenk|cadeau|kerstpakket|gift|fles wijn|bon\b|cadeaubon|boekenbon|present|bloemen|relatiegeschenk/],
  ['uitnodigingen', /uitnodig|diner|lunch|etentje|evenement|congres|invitation|dinner|tickets?|concert|wedstrijd|reisje/],
  ['nevenwerkzaamheden', /nevenwerk|nevenfunctie|nevenactiviteit|bijbaan|side job|second job|eigen bedrijf|zzp|bestuursfunctie/],
  ['financiele-belangen', /aandelen|beleggen|belegging|crypto|shares|koersgevoelig|financiele belangen/],
  ['afkoelperiode', /draaideur|afkoel|overstappen naar|nieuwe baan bij|revolving door/],
  ['lobby', /lobby/],
  ['inkoop', /aanbested|inkoop|offerte|procurement|tender|opdracht gunnen/],
  ['informatie', /gelekt|lekken|lekt|datalek|vertrouwelijke? (informatie|stukken|gegevens)|geheimhouding|leak|confidential information|persoonsgegevens/],
  ['meningsuiting-sociale-media', /social media|sociale media|twitter|linkedin|facebook|instagram|tiktok|mening|opinie|ingezonden|posten/],
  ['privérelaties', /relatie met|verliefd|dating|mijn partner werkt|familielid/],
  ['buitenland', /buitenland|abroad|dienstreis/],
  ['middelen', /laptop|auto van de zaak|dienstauto|printer|telefoon van de zaak|bedrijfsmiddel|werkmiddel|declaratie|declareer|declareert/],
  ['belangenverstrengeling', /belangenverstrengeling|conflict of interest|zwager|familie|vriend .{0,20}(opdracht|sollicit)|bevoordeel|vriendjespolitiek/],
  ['eed-belofte', /\beed\b|belofte afleggen|ambtseed|oath/],
  ['stemonthouding', /stemonthouding|stemming|stemmen over|onthouden van stem/],
  ['screening', /\bvog\b|screening|veiligheidsonderzoek|integriteitstoets/],
  ['vertrouwenspersoon', /vertrouwenspersoon|\bvpi\b|confidential (adviser|advisor|counsellor)/],
  ['onderzoek', /onderzoek|investigat/],
  ['melden', /meld|fraude|steel|stole|diefstal|corrupt|sjoemel|rommel|report|fraud|brib|omkop|vervals|smeergeld/],
];

export function topicFromKeywords(text: string): Topic | null {
  const t = normalize(text);
  for (const [topic, re] of TOPIC_KEYWORDS) if (re.test(t)) return topic;
  return null;
}

export const AUDIENCE_PATTERNS: Array<[Audience, RegExp]> = [
  ['politiek-ambtsdrager', /\b(raadslid|raadsleden|wethouder|burgemeester|statenlid|statenleden|gedeputeerde|commissaris van de koning|dijkgraaf|bewindspersoon|staatssecretaris|gemeenteraad|provinciale staten|fractie|council member|councillor|alderman|mayor)\b|\bals (minister|politicus)\b/],
  ['coordinator', /\bals (integriteitscoordinator|integriteitsadviseur|vertrouwenspersoon|coordinator integriteit)\b|\bas (an )?integrity (officer|coordinator)\b/],
  ['leidinggevende', /\bmijn (medewerker|medewerkers|team|teamlid|teamleden)\b|\bals (manager|leidinggevende|teamleider|afdelingshoofd|chef|directeur)\b|\b(een|de) melding (binnengekregen|gekregen|ontvangen)\b|\bmy (employee|employees|team member|staff|direct report)s?\b|\bas (a )?(manager|supervisor|team lead)\b|\bone of my (staff|team members|employees)\b/],
  ['medewerker', /\bals (ambtenaar|medewerker|rijksambtenaar|beleidsmedewerker)\b|\bas a civil servant\b/],
];

export function audienceHint(text: string): Audience | null {
  const t = normalize(text);
  for (const [audience, re] of AUDIENCE_PATTERNS) if (re.test(t)) return audience;
  return null;
}

/**
 * Retrieval prefers (×1.05), never filters, the cards for the audience an asker names (audienceHint). An asker who
 * names none gets no preference: treating them as an employee let a general employee card (GIR §1.1) pass the
 * card a question was about ("sinds wanneer bestaat de gedragscode integriteit bewindspersonen?"), and on the
 * regression sets 10–17 the first citation was an expected source for 73.3 % without that preference, 71.2 % with it.
 * Trend events keep the audience unknown when unhinted.
 */
export function searchAudience(audience: Audience | null): { audience?: Audience } {
  return audience ? { audience } : {};
}
