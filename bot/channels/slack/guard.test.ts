import { describe, expect, it } from 'vitest';
import { classifySlackBody } from './guard.js';

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const JSON_T = 'application/json';
const FORM_T = 'application/x-www-form-urlencoded';

describe('classifySlackBody', () => {
  it('passes well-formed events, commands and known button clicks', () => {
    const event = { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention', channel: 'C1', user: 'U1', text: 'hi', ts: '1.2' } };
    expect(classifySlackBody(JSON.stringify(event), JSON_T)).toEqual({ pass: true });
    // Event types we do not act on are left to Bolt (which acknowledges them).
    expect(classifySlackBody(JSON.stringify({ ...event, event: { type: 'reaction_added' } }), JSON_T)).toEqual({ pass: true });
    expect(classifySlackBody(JSON.stringify({ ...event, event: { type: 'message', subtype: 'message_deleted' } }), JSON_T)).toEqual({ pass: true });
    expect(classifySlackBody(form({ command: '/integriteit', text: '', user_id: 'U1', channel_id: 'C1' }), FORM_T)).toEqual({ pass: true });
    const click = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'feedback_up', value: '{}' }] };
    expect(classifySlackBody(form({ payload: JSON.stringify(click) }), `${FORM_T}; charset=utf-8`)).toEqual({ pass: true });
    for (const target of ['advice', 'handoff']) {
      const reroute = { type: 'block_actions', user: { id: 'U1' }, container: { is_ephemeral: true }, actions: [{ action_id: `reroute_${target}`, block_id: 'reroute_clarify', value: '{}' }] };
      expect(classifySlackBody(form({ payload: JSON.stringify(reroute) }), FORM_T)).toEqual({ pass: true });
    }
  });

  it('acknowledges app_rate_limited and clicks on buttons we did not render without passing them on', () => {
    expect(classifySlackBody(JSON.stringify({ type: 'app_rate_limited', team_id: 'T1' }), JSON_T)).toMatchObject({ pass: false, status: 200 });
    const click = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'something_else' }] };
    expect(classifySlackBody(form({ payload: JSON.stringify(click) }), FORM_T)).toMatchObject({ pass: false, status: 200, reason: 'unknown_action' });
    const otherReroute = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'reroute_elsewhere' }] };
    expect(classifySlackBody(form({ payload: JSON.stringify(otherReroute) }), FORM_T)).toMatchObject({ pass: false, status: 200, reason: 'unknown_action' });
  });

  it('refuses malformed bodies with the field, and never echoes values', () => {
    const bad = { type: 'event_callback', event_id: 'Ev1', event: { type: 'message', channel: 'D1', user: 'U1', text: 42, ts: '1' } };
    const verdict = classifySlackBody(JSON.stringify(bad), JSON_T);
    expect(verdict).toMatchObject({ pass: false, status: 400, body: { ok: false, error: 'malformed_event', field: 'event.text' } });
    expect(classifySlackBody('', JSON_T)).toMatchObject({ status: 400, reason: 'empty_body' });
    expect(classifySlackBody('<xml/>', 'text/xml')).toMatchObject({ status: 400, reason: 'unsupported_content_type' });
    expect(classifySlackBody(form({ payload: JSON.stringify({ type: 'view_submission' }) }), FORM_T)).toMatchObject({ status: 400 });
    expect(classifySlackBody(form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [] }) }), FORM_T)).toMatchObject({
      status: 400,
      body: { field: 'actions' },
    });
  });
});
