/**
 * Follow-up examples: a short message typed after an answer ("en voor wethouders?"), the card that answer led with,
 * and the card that answers the follow-up, `data/followups-*.jsonl`, one file per writer. The bot keeps no
 * conversation text, only the previous card (bot/core/followup.ts), so a follow-up is searched as its own words
 * plus that card's title; the routing tier for follow-ups learns from exactly that text.
 */
import { z } from 'zod';
import { readWriterFiles } from '../../writer-files.js';
import { cardKey, ROUTING_DATA_DIR } from './data.js';
import { asVotes, mixVotes, Router, type Routed } from './router.js';

export const FollowupExample = z.object({
  id: z.string().min(1),
  lang: z.enum(['nl', 'en', 'mixed']),
  /** The question before (kept for the near-copy check against eval files; never part of the model's input). */
  first: z.string().min(1),
  context_doc: z.string().min(1),
  context_section: z.string().min(1),
  followup: z.string().min(1),
  doc: z.string().min(1),
  section: z.string().min(1),
});
export type FollowupExample = z.infer<typeof FollowupExample> & { writer: string };

export function loadFollowupData(dir = ROUTING_DATA_DIR): { examples: FollowupExample[]; hash: string } {
  const { rows, hash } = readWriterFiles(dir, 'followups', FollowupExample);
  return { examples: rows, hash };
}

/** The query for a follow-up: the message with the previous card's title, so every tier stays on its subject. */
export function followupQuery(text: string, titles: string[]): string {
  return [text, ...titles].join(' \n');
}

export interface FollowupSettings {
  /** Vote of a follow-up example written after another card than the current one, relative to the same card (1). */
  otherContext: number;
  /** Share of the ordinary router's vote on the message plus the previous card title (the rest: follow-up examples). */
  general: number;
}

/**
 * Routing for a follow-up: which card people meant when they typed these words after that card ("en voor
 * wethouders?" after the raadsleden card → the wethouders card), mixed with the ordinary router's vote on the
 * message plus the previous card title. The follow-up words are compared alone: beside a card title they would
 * be drowned out by it, and the router would send every follow-up back to the previous card.
 */
export class FollowupRouter {
  private readonly router: Router;
  private readonly contexts: string[];

  constructor(
    examples: FollowupExample[],
    private readonly base: Router,
    readonly settings: FollowupSettings,
  ) {
    // Neighbours only: a centroid cannot weigh each example by the card it followed.
    this.router = new Router(examples.map((e) => ({ text: e.followup, doc: e.doc, section: e.section })), { ...base.settings, centroid: 0 });
    this.contexts = examples.map((e) => cardKey({ doc: e.context_doc, section: e.context_section }));
  }

  route(text: string, previous: string[], title: string): Routed[] {
    const own = this.router.route(text, (i) => (previous.includes(this.contexts[i]!) ? 1 : this.settings.otherContext));
    const general = this.base.route(followupQuery(text, [title]));
    return mixVotes(asVotes(own), asVotes(general), this.settings.general);
  }
}
