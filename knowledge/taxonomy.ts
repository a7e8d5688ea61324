/**
 * The fixed vocabularies of the knowledge base. Defined once: knowledge cards, triage and the trend
 * statistics all label with these, so a topic added here shows up everywhere at once.
 */
import { z } from 'zod';

export const DOC_CODES = [
  'GIR',
  'GIB',
  'BIPO',
  'HANDBOEK',
  'MODELCODE-VV',
  'MODELCODE-BESTUURDER',
  'GEMEENTEWET',
  'AW',
  'WHK',
  'KADER-VP',
  'CAO-RIJK',
] as const;
/** Official document codes; an organisation's own documents may use any other upper-case code. */
export const DocCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'document code: upper case letters, digits and -');
export type DocCode = z.infer<typeof DocCode>;

export const AUDIENCES = ['medewerker', 'leidinggevende', 'politiek-ambtsdrager', 'coordinator'] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

export const TOPICS = [
  'geschenken',
  'uitnodigingen',
  'nevenwerkzaamheden',
  'financiele-belangen',
  'belangenverstrengeling',
  'informatie',
  'meningsuiting-sociale-media',
  'omgangsvormen',
  'privérelaties',
  'buitenland',
  'middelen',
  'inkoop',
  'lobby',
  'afkoelperiode',
  'eed-belofte',
  'melden',
  'vertrouwenspersoon',
  'onderzoek',
  'klokkenluiders',
  'stemonthouding',
  'verboden-handelingen',
  'onverenigbare-betrekkingen',
  'screening',
  'algemeen',
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

export const VERIFICATION = ['official-text', 'official-explainer', 'title-only'] as const;
export const Verification = z.enum(VERIFICATION);
export type Verification = z.infer<typeof Verification>;
