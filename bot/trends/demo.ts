/**
 * Deterministic made-up trend events for the screenshot and for trying the dashboard locally. Labels only, like
 * real events; a fixed pseudo-random sequence so every run draws the same picture.
 */
import type { TrendEvent, TrendRecorder } from './types.js';
import { lastWeeks } from './report.js';

type Q = Pick<TrendEvent, 'topic' | 'outcome'> & { weight: number };
const MIX: Q[] = [
  { topic: 'geschenken', outcome: 'answered', weight: 9 },
  { topic: 'geschenken', outcome: 'abstained', weight: 1 },
  { topic: 'nevenwerkzaamheden', outcome: 'answered', weight: 7 },
  { topic: 'nevenwerkzaamheden', outcome: 'abstained', weight: 3 },
  { topic: 'uitnodigingen', outcome: 'answered', weight: 5 },
  { topic: 'financiele-belangen', outcome: 'answered', weight: 3 },
  { topic: 'financiele-belangen', outcome: 'abstained', weight: 2 },
  { topic: 'meningsuiting-sociale-media', outcome: 'answered', weight: 3 },
  { topic: 'meningsuiting-sociale-media', outcome: 'abstained', weight: 2 },
  { topic: 'melden', outcome: 'handed-off', weight: 2 },
  { topic: 'omgangsvormen', outcome: 'handed-off', weight: 1 },
  { topic: 'geen', outcome: 'refused', weight: 1 },
];
const CHANNEL_MIX: TrendEvent['channel'][] = ['teams', 'teams', 'teams', 'slack', 'slack', 'web'];
const AUDIENCE_MIX: TrendEvent['audience'][] = ['medewerker', 'medewerker', 'medewerker', 'leidinggevende', 'onbekend', 'politiek-ambtsdrager'];

export function demoEvents(now: Date, weeks = 12, perWeek = 40): TrendEvent[] {
  let seed = 20261126;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const total = MIX.reduce((s, m) => s + m.weight, 0);
  const events: TrendEvent[] = [];
  lastWeeks(now, weeks).forEach((week, i) => {
    const n = Math.round(perWeek * (0.7 + 0.6 * rand()) + i);
    for (let j = 0; j < n; j++) {
      let r = rand() * total;
      const m = MIX.find((x) => (r -= x.weight) < 0) ?? MIX[0]!;
      const intent: TrendEvent['intent'] =
        m.outcome === 'handed-off' ? 'handoff' : m.outcome === 'refused' ? 'out-of-scope' : 'advice';
      const base = { week, topic: m.topic, intent, outcome: m.outcome, channel: pick(CHANNEL_MIX), audience: pick(AUDIENCE_MIX) };
      events.push({ kind: 'question', ...base });
      if (m.outcome === 'answered' && rand() < 0.3) events.push({ kind: 'feedback', ...base, vote: rand() < 0.8 ? 'up' : 'down' });
    }
  });
  return events;
}

export function seedDemo(recorder: TrendRecorder, now: Date, weeks?: number): number {
  const events = demoEvents(now, weeks);
  for (const e of events) recorder.record(e);
  return events.length;
}
