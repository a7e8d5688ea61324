/**
 * TEMPORARY stand-in so channel work can start before the answer engine lands. The answer-engine work replaces
 * this file with `createTestCore()` that builds the real core over a real index of knowledge/corpus.
 * Channel tests must only assert what holds for the real core too.
 */
import type { Core, Message, Reply } from '../../bot/core/types.js';

const HANDOFF = /(intimid|pest|bedreig|harass|threat|fraude|misstand|wangedrag)/i;

function reply(message: Message): Reply {
  const lang = /\b(may|can|the|what|how)\b/i.test(message.text) ? 'en' : 'nl';
  if (HANDOFF.test(message.text)) {
    return {
      kind: 'handoff',
      lang,
      text: 'Neem contact op met een vertrouwenspersoon.',
      sections: [{ text: 'Neem contact op met een vertrouwenspersoon.' }],
      citations: [],
      contacts: [{ id: 'vp-1', role: 'internal-vp', name: 'A. Jansen', email: 'vp@example.org', slackUserId: 'U0VP1', teamsUserId: '29:vp1' }],
      actions: [{ type: 'request-contact', contactIds: ['vp-1'] }],
      meta: { intent: 'handoff', topic: 'melden', audience: null, outcome: 'handed-off' },
      private: message.conversation !== 'personal',
    };
  }
  return {
    kind: 'answer',
    lang,
    text: 'Een geschenk tot € 50 mag je met toestemming aannemen. Bron: GIR §4.1',
    sections: [{ text: 'Een geschenk tot € 50 mag je met toestemming aannemen.' }],
    citations: [
      {
        doc: 'GIR',
        docTitle: 'Gedragscode Integriteit Rijk',
        section: '4.1',
        sectionTitle: 'Geschenken, diensten en andere voordelen of beloningen',
        url: 'https://zoek.officielebekendmakingen.nl/stcrt-2019-71141.html',
      },
    ],
    contacts: [],
    actions: [{ type: 'feedback' }],
    meta: { intent: 'advice', topic: 'geschenken', audience: 'medewerker', outcome: 'answered' },
  };
}

export async function createTestCore(): Promise<Core> {
  return {
    handle: async (m) => reply(m),
    feedback: () => undefined,
    requestContact: async (r) => ({ ok: true, reply: { ...reply({ text: 'ok', channel: r.channel, conversation: 'personal' }), kind: 'help' } }),
    welcome: (lang) => ({ ...reply({ text: 'hallo', channel: 'web', conversation: 'personal' }), kind: 'help', lang }),
  };
}
