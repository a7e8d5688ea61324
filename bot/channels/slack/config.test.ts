import { describe, expect, it } from 'vitest';
import { SlackConfigError, parseSlackConfig } from './config.js';

describe('SlackConfig', () => {
  it('accepts HTTP and Socket Mode configurations', () => {
    expect(parseSlackConfig({ signingSecret: 's3cret', botToken: 'xoxb-1' })).toEqual({ mode: 'http', signingSecret: 's3cret', botToken: 'xoxb-1' });
    expect(parseSlackConfig({ mode: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1' }).mode).toBe('socket');
  });

  it('names each bad field and its env var, never the secret value', () => {
    let error: unknown;
    try {
      parseSlackConfig({ mode: 'http', botToken: 'xoxp-user-token-SECRETVALUE', apiUrl: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SlackConfigError);
    const err = error as SlackConfigError;
    expect(err.fields.sort()).toEqual(['apiUrl', 'botToken', 'signingSecret']);
    expect(err.message).toContain('slack.botToken (SLACK_BOT_TOKEN)');
    expect(err.message).toContain('slack.signingSecret (SLACK_SIGNING_SECRET): is required when mode is "http"');
    expect(err.message).not.toContain('SECRETVALUE');
  });

  it('requires the app token in socket mode and a known mode', () => {
    expect(() => parseSlackConfig({ mode: 'socket', botToken: 'xoxb-1' })).toThrow(/slack\.appToken \(SLACK_APP_TOKEN\): is required when mode is "socket"/);
    expect(() => parseSlackConfig({ mode: 'websocket', botToken: 'xoxb-1', signingSecret: 's' })).toThrow(/slack\.mode \(SLACK_MODE\): must be one of http, socket/);
    expect(() => parseSlackConfig({ botToken: 'xoxb-1', signingSecret: 's', extra: 1 })).toThrow(/unknown field/);
  });
});
