/**
 * The data our Adaptive Card buttons carry (Action.Submit) and the schema that checks it when it comes back.
 * Labels and ids only: a button payload is echoed by Teams and must never contain what anyone wrote.
 * Unknown extra keys are dropped, never used.
 */
import { z } from 'zod';
import { Audience, Topic } from '../../../knowledge/taxonomy.js';
import { OUTCOMES } from '../../trends/event.js';

export const ReplyMetaData = z
  .object({
    intent: z.enum(['advice', 'handoff', 'out-of-scope', 'smalltalk']),
    topic: Topic.nullable(),
    audience: Audience.nullable(),
    outcome: z.enum(OUTCOMES),
  })
  .strict();

/** The reply's sealed ref (`Reply.ref`): the idempotency key of its one-shot buttons. Absent on older cards. */
const Ref = z.string().min(1).max(500).optional();

export const FeedbackData = z.object({
  action: z.literal('feedback'),
  vote: z.enum(['up', 'down']),
  meta: ReplyMetaData,
  ref: Ref,
  lang: z.enum(['nl', 'en']).optional(),
});
export type FeedbackData = z.infer<typeof FeedbackData>;

export const ContactData = z
  .object({
    action: z.literal('request-contact'),
    contactId: z.string().min(1).max(200),
    lang: z.enum(['nl', 'en']),
    ref: Ref,
  });
export type ContactData = z.infer<typeof ContactData>;

/**
 * A reroute button: the same message once more, the other way. `token` is the message sealed by the core
 * (AES-256-GCM, opaque, ≤ 1,900 characters); Teams echoes it back and the core opens it.
 */
export const RerouteData = z.object({
  action: z.literal('reroute'),
  target: z.enum(['advice', 'handoff']),
  token: z.string().min(1).max(4000),
});
export type RerouteData = z.infer<typeof RerouteData>;

/**
 * "Ask a follow-up" on an answer card (followup.ts): the previous answer's sealed context (its lead card's id,
 * never text) from the button, and the question the user typed in the card's field, which Teams adds to the data
 * under the field's id. The question goes to the core like a typed message and nowhere else.
 */
export const FOLLOWUP_INPUT_ID = 'followup';
export const FollowupData = z.object({
  action: z.literal('followup'),
  context: z.string().min(1).max(4000),
  lang: z.enum(['nl', 'en']),
  [FOLLOWUP_INPUT_ID]: z.string().max(8000).default(''),
});
export type FollowupData = z.infer<typeof FollowupData>;

export const SubmitData = z.discriminatedUnion('action', [FeedbackData, ContactData, RerouteData, FollowupData]);
export type SubmitData = z.infer<typeof SubmitData>;
