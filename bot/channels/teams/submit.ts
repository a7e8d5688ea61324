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

export const FeedbackData = z
  .object({ action: z.literal('feedback'), vote: z.enum(['up', 'down']), meta: ReplyMetaData });
export type FeedbackData = z.infer<typeof FeedbackData>;

export const ContactData = z
  .object({
    action: z.literal('request-contact'),
    contactId: z.string().min(1).max(200),
    lang: z.enum(['nl', 'en']),
  });
export type ContactData = z.infer<typeof ContactData>;

export const SubmitData = z.discriminatedUnion('action', [FeedbackData, ContactData]);
export type SubmitData = z.infer<typeof SubmitData>;
