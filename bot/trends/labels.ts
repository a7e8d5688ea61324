/** Dutch labels for the trend vocabularies, shared by the dashboard, the CSV and the CLI. */
import type { TrendEvent } from './types.js';

export const TOPIC_LABELS: Record<TrendEvent['topic'], string> = {
  geschenken: 'Geschenken',
  uitnodigingen: 'Uitnodigingen',
  nevenwerkzaamheden: 'Nevenwerkzaamheden',
  'financiele-belangen': 'Financiële belangen',
  belangenverstrengeling: 'Belangenverstrengeling',
  informatie: 'Omgaan met informatie',
  'meningsuiting-sociale-media': 'Meningsuiting en sociale media',
  omgangsvormen: 'Omgangsvormen',
  privérelaties: 'Privérelaties',
  buitenland: 'Buitenland',
  middelen: 'Gebruik van middelen',
  inkoop: 'Inkoop',
  lobby: 'Lobby',
  afkoelperiode: 'Afkoelperiode',
  'eed-belofte': 'Eed of belofte',
  melden: 'Melden',
  vertrouwenspersoon: 'Vertrouwenspersoon',
  onderzoek: 'Onderzoek',
  klokkenluiders: 'Klokkenluiders',
  stemonthouding: 'Stemonthouding',
  'verboden-handelingen': 'Verboden handelingen',
  'onverenigbare-betrekkingen': 'Onverenigbare betrekkingen',
  screening: 'Screening',
  algemeen: 'Algemeen',
  geen: 'Geen onderwerp',
};

export const OUTCOME_LABELS: Record<TrendEvent['outcome'], string> = {
  answered: 'Beantwoord',
  abstained: 'Niet in de bronnen',
  'handed-off': 'Doorverwezen',
  refused: 'Buiten het onderwerp',
  clarified: 'Verduidelijkingsvraag',
};

export const CHANNEL_LABELS: Record<TrendEvent['channel'], string> = {
  slack: 'Slack',
  teams: 'Teams',
  web: 'Webchat',
  cli: 'Opdrachtregel',
};

export const AUDIENCE_LABELS: Record<TrendEvent['audience'], string> = {
  medewerker: 'Medewerker',
  leidinggevende: 'Leidinggevende',
  'politiek-ambtsdrager': 'Politiek ambtsdrager',
  coordinator: 'Integriteitscoördinator',
  onbekend: 'Onbekend',
};

export const VOTE_LABELS = { up: 'Nuttig (👍)', down: 'Niet nuttig (👎)' } as const;
