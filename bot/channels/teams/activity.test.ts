import { describe, expect, it } from 'vitest';
import { activityProblems, conversationKind, localeLang, messageText } from './activity.js';

const bot = { id: '28:bot', name: 'Integriteitsbot' };

describe('messageText', () => {
  it('removes the bot mention and keeps other people as plain names', () => {
    const text = messageText({
      text: '<at>Integriteitsbot</at> mag <at>Kim</at> dit&nbsp;aannemen?',
      recipient: bot,
      entities: [
        { type: 'mention', text: '<at>Integriteitsbot</at>', mentioned: bot },
        { type: 'mention', text: '<at>Kim</at>', mentioned: { id: '29:kim', name: 'Kim' } },
      ],
    } as never);
    expect(text).toBe('mag Kim dit aannemen?');
  });

  it('removes a bot mention even when the entity is missing or malformed', () => {
    expect(messageText({ text: '<at>Integriteitsbot</at> hallo', recipient: bot } as never)).toBe('hallo');
    expect(
      messageText({ text: '<at>Integriteitsbot</at> hallo', recipient: bot, entities: [{ type: 'mention' }] } as never),
    ).toBe('hallo');
  });

  it('returns empty text for a bare mention or a missing text', () => {
    expect(messageText({ text: '<at>Integriteitsbot</at>', recipient: bot } as never)).toBe('');
    expect(messageText({ recipient: bot } as never)).toBe('');
  });
});

describe('conversationKind and language', () => {
  it('maps Teams conversation types', () => {
    expect(conversationKind({ conversation: { conversationType: 'personal' } } as never)).toBe('personal');
    expect(conversationKind({ conversation: { conversationType: 'groupChat' } } as never)).toBe('group');
    expect(conversationKind({ conversation: { conversationType: 'channel' } } as never)).toBe('channel');
    expect(conversationKind({ conversation: { isGroup: true } } as never)).toBe('group');
    expect(conversationKind({ conversation: {} } as never)).toBe('personal');
  });

  it('reads the language from the locale', () => {
    expect(localeLang('en-US')).toBe('en');
    expect(localeLang('nl-NL')).toBe('nl');
    expect(localeLang(undefined)).toBe('nl');
  });
});

describe('activityProblems', () => {
  it('names missing and invalid fields without their values', () => {
    expect(activityProblems(null)).toBe('body is not a JSON object');
    const problems = activityProblems({ type: 'message', channelId: 'msteams', serviceUrl: 'geheime tekst', from: { id: 'u' } });
    expect(problems).toContain('serviceUrl is invalid');
    expect(problems).toContain('conversation is missing');
    expect(problems).toContain('recipient is missing');
    expect(problems).not.toContain('geheime');
  });
});
