/**
 * One anonymous trend event per handled message or feedback click. There is deliberately no field that can
 * carry text, a user, a conversation or a time finer than the ISO week.
 */
import type { Audience, Topic } from '../../knowledge/taxonomy.js';
import type { ChannelKind, Intent, Outcome } from '../core/types.js';

export interface TrendEvent {
  /** ISO week, e.g. "2026-W48". */
  week: string;
  kind: 'question' | 'feedback';
  topic: Topic | 'geen';
  intent: Intent;
  outcome: Outcome;
  channel: ChannelKind;
  audience: Audience | 'onbekend';
  vote?: 'up' | 'down';
}

export interface TrendRecorder {
  /** Never throws and never blocks an answer; a failing store drops the event and counts it. */
  record(event: TrendEvent): void;
}
