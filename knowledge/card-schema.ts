/** Frontmatter of a knowledge card (knowledge/corpus/<DOC>/<section>.md). See docs/knowledge.md. */
import { z } from 'zod';
import { Audience, DocCode, Topic, Verification } from './taxonomy.js';

/** YAML reads an unquoted 2023-02-18 as a Date and 2015 as a number; cards may write dates either way. */
const asText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v);

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.preprocess(asText, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD'));

/**
 * The date from which the law text the card follows is in force: YYYY-MM-DD, or only the year (YYYY) when the
 * text that was read is known only approximately ("tekst van ca. 2015").
 */
export const TextDate = z.preprocess(
  asText,
  z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$/, 'must be a date YYYY-MM-DD or a year YYYY'),
);

/**
 * The card in English: the project's OWN translation of its own Dutch card text (never text copied from an English
 * source), shown when someone asks in English. It mirrors the Dutch body part by part and bullet by bullet, so the
 * answer can pick the same rules in either language; it is not indexed, so Dutch retrieval does not change.
 * A `title-only` card has only a title.
 */
export const CardEnglish = z
  .object({
    sectionTitle: z.string().min(2),
    kern: z.string().min(10).optional(),
    regels: z.array(z.string().min(3)).optional(),
    doen: z.array(z.string().min(3)).optional(),
    letOp: z.array(z.string().min(3)).optional(),
  })
  .strict();
export type CardEnglish = z.infer<typeof CardEnglish>;

export const CardFrontmatter = z
  .object({
    doc: DocCode,
    docTitle: z.string().min(3),
    section: z.string().min(1),
    sectionTitle: z.string().min(2),
    url: z.string().url(),
    version: z.string().min(1),
    audience: z.array(Audience).min(1),
    topics: z.array(Topic).min(1),
    verified: Verification,
    verifiedAt: z.array(z.string().url()).min(1),
    questions: z.array(z.string().min(5)).min(4).max(10),
    /** Higher wins when two cards answer the same question (an organisation's own supplement code). */
    precedence: z.number().int().min(0).max(100).default(0),
    /** Optional: from when the law text the card follows is in force (shown in the citation). */
    geldendVanaf: TextDate.optional(),
    /** Optional: when the card's facts were last checked against `verifiedAt` (used by `npm run knowledge:check`). */
    verifiedOn: IsoDate.optional(),
    /** Optional: the project's own English translation of the body (see CardEnglish). */
    english: CardEnglish.optional(),
  })
  .strict();
export type CardFrontmatter = z.infer<typeof CardFrontmatter>;
