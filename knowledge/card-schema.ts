/** Frontmatter of a knowledge card (knowledge/corpus/<DOC>/<section>.md). See docs/knowledge.md. */
import { z } from 'zod';
import { Audience, DocCode, Topic, Verification } from './taxonomy.js';

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
  })
  .strict();
export type CardFrontmatter = z.infer<typeof CardFrontmatter>;
