/**
 * Follow-ups in Teams without keeping anything on the server. A message the user types in Teams carries nothing
 * of the bot's earlier card back to the bot, and the Bot Framework has no API to read a conversation's earlier
 * activities; storing the context per conversation (ConversationState) would keep state on the server. So an
 * answer card in a personal chat gets a question field and an "Ask a follow-up" button: the button's data holds
 * the answer's sealed context (Reply.context: the lead card's id, never text), and Teams adds the typed question
 * to it when the button is pressed. A question typed in the ordinary message box is a new question.
 *
 * Only in personal chats: in a group chat or channel everyone sees the card, anyone could use the field, and the
 * answer to a question typed there would be posted for all to read although nobody saw the question.
 */
import type { Lang, Reply } from '../../core/types.js';
import type { AdaptiveCard, CardElement } from './render.js';
import { FOLLOWUP_INPUT_ID, type FollowupData } from './submit.js';

/** The guard's cap on a question (bot/core/guard.ts); Teams stops typing there. */
const MAX_QUESTION = 2000;

export const FOLLOWUP_TEXT = {
  nl: {
    label: 'Vervolgvraag over dit antwoord',
    placeholder: 'Bijvoorbeeld: en als het 60 euro is?',
    button: 'Vervolgvraag stellen',
    empty: 'Typ eerst je vervolgvraag in het veld onder het antwoord.',
  },
  en: {
    label: 'Follow-up question about this answer',
    placeholder: 'For example: and what if it is 60 euros?',
    button: 'Ask a follow-up',
    empty: 'Please type your follow-up question in the field below the answer first.',
  },
} satisfies Record<Lang, Record<string, string>>;

function submits(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => submits(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit') out.push(o);
    Object.values(o).forEach((v) => submits(v, out));
  }
  return out;
}

/**
 * The card with the follow-up field and button at the end of its body, when the reply has a context. The card's
 * other buttons (vote, contact, reroute) get associatedInputs "none", so what was typed in the field goes back only
 * with "Ask a follow-up". Returns the card unchanged otherwise.
 */
export function withFollowup(card: AdaptiveCard, reply: Reply): AdaptiveCard {
  if (!reply.context) return card;
  for (const action of submits(card)) action.associatedInputs = 'none';
  const t = FOLLOWUP_TEXT[reply.lang];
  // Teams adds the field's value under its id when the button is pressed.
  const sent: Omit<FollowupData, typeof FOLLOWUP_INPUT_ID> = { action: 'followup', context: reply.context, lang: reply.lang };
  const elements: CardElement[] = [
    { type: 'Input.Text', id: FOLLOWUP_INPUT_ID, label: t.label, placeholder: t.placeholder, maxLength: MAX_QUESTION, separator: true, spacing: 'Large' },
    { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: t.button, data: sent, associatedInputs: 'auto' }] },
  ];
  return { ...card, body: [...card.body, ...elements] };
}
