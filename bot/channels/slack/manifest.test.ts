/** The manifest must promise exactly what the channel implements: the path, scopes, events and command. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from './index.js';

const manifest = parse(readFileSync(new URL('../../../slack/manifest.yml', import.meta.url), 'utf8'));

describe('slack/manifest.yml', () => {
  it('sends events, the slash command and interactivity to the one path the channel serves', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toBe(`https://<your-host>${SLACK_EVENTS_PATH}`);
    expect(manifest.features.slash_commands[0].command).toBe('/integriteit');
  });

  it('asks for the scopes and events the handlers need, and starts in HTTP mode', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'assistant:write', 'chat:write', 'commands', 'im:history', 'im:read', 'im:write']);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'assistant_thread_context_changed',
      'assistant_thread_started',
      'message.im',
    ]);
    // assistant:write is granted only to an app with the assistant view.
    expect(manifest.features.assistant_view.assistant_description.length).toBeGreaterThan(0);
    expect(manifest.features.assistant_view.assistant_description.length).toBeLessThanOrEqual(250);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('keeps display texts within Slack limits', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description.length;
    expect(long).toBeGreaterThanOrEqual(175);
    expect(long).toBeLessThanOrEqual(4000);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{6}$/);
  });
});
