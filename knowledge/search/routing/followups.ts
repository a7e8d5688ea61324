/**
 * Follow-up examples: a short message typed after an answer ("en voor wethouders?"), the card that answer led with,
 * and the card that answers the follow-up, `data/followups-*.jsonl`, one file per writer. The bot keeps no
 * conversation text, only the previous card (bot/core/followup.ts), so a follow-up is searched as its own words
 * plus that card's title; the routing tier for follow-ups learns from exactly that text.
 */
import { z } from 'zod';
import { readWriterFiles } from '../../writer-files.js';
import { cardKey, ROUTING_DATA_DIR } from './data.js';
import { candidates, CHOICE_FIT, choose, fitChoice, NO_WEIGHTS, transitions, type Candidate, type ChoiceSources, type ChoiceWeights } from './followup-choice.js';
import { Router, type Routed } from './router.js';

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
  /** One weight per signal of the choice among candidate cards (followup-choice.ts), fitted by `npm run train:routing`. */
  weights: ChoiceWeights;
}

/**
 * Routing for a follow-up: which card people meant when they typed these words after that card ("en voor
 * wethouders?" after the raadsleden card → the wethouders card). The candidates are the cards any of the votes
 * names — the nearest follow-up examples after the same card and after any card, the ordinary router on the words
 * alone and on the words plus the previous card's title, the moves people made from that card — and the learned
 * weights choose among them. The follow-up words are compared alone in the follow-up examples: beside a card title
 * they would be drowned out by it.
 */
export class FollowupRouter {
  private readonly sources: ChoiceSources;

  constructor(
    examples: FollowupExample[],
    base: Router,
    readonly settings: FollowupSettings,
  ) {
    // Neighbours only: a centroid cannot weigh each example by the card it followed.
    const own = new Router(examples.map((e) => ({ text: e.followup, doc: e.doc, section: e.section })), { ...base.settings, centroid: 0 });
    const contexts = examples.map((e) => cardKey({ doc: e.context_doc, section: e.context_section }));
    this.sources = { own: (text, weight) => own.route(text, weight), contexts, moves: transitions(contexts, examples.map(cardKey)), base };
  }

  route(text: string, previous: string[], title: string): Routed[] {
    return choose(this.settings.weights, this.candidatesFor(text, previous[0]!, title));
  }

  candidatesFor(text: string, previous: string, title: string): Candidate[] {
    return candidates(this.sources, text, previous, followupQuery(text, [title]));
  }
}

/**
 * The choice weights for these follow-ups, fitted on signals each example could not have seen itself: an
 * example's candidates come from the other writers' follow-ups (stacking), so a weight on the follow-up examples'
 * own vote is not inflated by the example finding itself. `title` gives a card key's section title.
 */
export function fitFollowupWeights(examples: FollowupExample[], base: Router, title: (key: string) => string, fit = CHOICE_FIT): ChoiceWeights {
  const writers = [...new Set(examples.map((e) => e.writer))].sort();
  const groups = writers.flatMap((w) => {
    const others = new FollowupRouter(
      examples.filter((e) => e.writer !== w),
      base,
      { weights: NO_WEIGHTS },
    );
    return examples
      .filter((e) => e.writer === w)
      .map((e) => {
        const previous = cardKey({ doc: e.context_doc, section: e.context_section });
        return { candidates: others.candidatesFor(e.followup, previous, title(previous)), target: cardKey(e) };
      });
  });
  return fitChoice(groups, fit);
}
