/**
 * The suggested prompts every chat surface offers (Slack's assistant container, the Teams command list and
 * welcome card). One list, so the surfaces suggest the same questions. `title` fits the shortest limit (a Teams
 * command title, 32 characters, which Teams sends as the message); `message` is what Slack sends on a click.
 */
import type { Lang } from '../core/types.js';

export interface SuggestedPrompt {
  title: string;
  message: string;
  /** The Teams command list shows it under the title. */
  description: string;
}

export const SUGGESTED_PROMPTS: Record<Lang, readonly SuggestedPrompt[]> = {
  nl: [
    { title: 'Mag ik een geschenk aannemen?', message: 'Mag ik een geschenk aannemen?', description: 'Regels voor geschenken en uitnodigingen, met bron.' },
    { title: 'Melding gekregen, wat nu?', message: 'Ik heb een melding gekregen, wat nu?', description: 'De stappen voor een leidinggevende die een melding krijgt.' },
    { title: 'Mag ik een nevenfunctie hebben?', message: 'Mag ik een nevenfunctie hebben?', description: 'Wat je moet melden over nevenwerkzaamheden.' },
    { title: 'Wat doet een vertrouwenspersoon?', message: 'Wat doet een vertrouwenspersoon?', description: 'Bij wie je vertrouwelijk terechtkunt, en wat er dan gebeurt.' },
  ],
  en: [
    { title: 'May I accept a gift?', message: 'May I accept a gift?', description: 'Rules on gifts and invitations, with the source.' },
    { title: 'I received a report, what now?', message: 'I have received a report of wrongdoing, what now?', description: 'The steps for a manager who receives a report.' },
    { title: 'May I take on a side job?', message: 'May I take on a side job?', description: 'What to report about outside activities.' },
    { title: 'Who is the confidential adviser?', message: 'What does a confidential adviser do?', description: 'Who you can talk to in confidence, and what happens then.' },
  ],
};
