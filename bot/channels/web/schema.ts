/** The web chat's request bodies, validated at the boundary. */
import { z } from 'zod';
import { Audience, Topic } from '../../../knowledge/taxonomy.js';
import { OUTCOMES } from '../../trends/event.js';

/** Longer than the core's own limit on purpose: the core answers an oversized question with a polite refusal. */
export const MAX_TEXT = 8000;

export const ChatRequest = z.object({ text: z.string().max(MAX_TEXT), lang: z.enum(['nl', 'en']).optional() }).strict();

export const FeedbackRequest = z
  .object({
    vote: z.enum(['up', 'down']),
    meta: z
      .object({
        intent: z.enum(['advice', 'handoff', 'out-of-scope', 'smalltalk']),
        topic: Topic.nullable(),
        audience: Audience.nullable(),
        outcome: z.enum(OUTCOMES),
      })
      .strict(),
  })
  .strict();

export const ContactRequestBody = z
  .object({
    contactId: z.string().min(1).max(80),
    lang: z.enum(['nl', 'en']).default('nl'),
    /** How the vertrouwenspersoon can reach the person: typed by them into the contact form, never a message. */
    requester: z
      .object({ displayName: z.string().max(120).optional(), email: z.string().email().max(200).optional() })
      .strict()
      .default({}),
  })
  .strict();

/** A click on a reroute button: the sealed token the reply carried (opaque, ≤ 1,900 characters) and where to. */
export const RerouteRequestBody = z
  .object({ token: z.string().min(1).max(4000), target: z.enum(['advice', 'handoff']) })
  .strict();
