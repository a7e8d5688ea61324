/** The unit that ingest produces and retrieval indexes: a piece of one section of one document. */
import type { CardEnglish } from './card-schema.js';
import type { Audience, Topic, Verification } from './taxonomy.js';

export interface Chunk {
  /** Stable id: `${doc}:${section}:${n}` (n counts chunks within the section). */
  id: string;
  doc: string;
  docTitle: string;
  /** Official numbering as the document writes it: "4.1", "art. 15", "3.5.1", "§ 2". */
  section: string;
  sectionTitle: string;
  url?: string;
  version?: string;
  audience: Audience[];
  topics: Topic[];
  verified?: Verification;
  /** Knowledge cards with a law text date: "2023-02-18", or a year "2015" when only approximately known. */
  geldendVanaf?: string;
  /** Example questions (knowledge cards only). */
  questions: string[];
  /** The card's `Kern:` line (knowledge cards only). */
  kern?: string;
  /** Knowledge cards: the project's own English translation of the whole card (on every chunk of it); not indexed. */
  english?: CardEnglish;
  /** The passage text, cleaned. Never spans two sections. */
  text: string;
  precedence: number;
  /** Path of the source file relative to the project root (or absolute for extra sources). */
  sourcePath: string;
  /** sha256 of the source file's bytes; drives incremental re-ingest. */
  sourceHash: string;
}
