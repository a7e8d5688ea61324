/** The web chat's request bodies, validated at the boundary. */
import { z } from 'zod';

/** Longer than the core's own limit on purpose: the core answers an oversized question with a polite refusal. */
export const MAX_TEXT = 8000;

/** `context`: the previous reply's Reply.context, handed back unchanged; the core opens it (or ignores it). */
export const ChatRequest = z
  .object({ text: z.string().max(MAX_TEXT), lang: z.enum(['nl', 'en']).optional(), context: z.string().min(1).max(4000).optional() })
  .strict();

/** A reply's sealed ref (Reply.ref): opaque, at most a seal's length. */
const Ref = z.string().min(1).max(4000);

/** A vote names its reply by ref; the labels it counts under come from the ref, never from the caller. */
export const FeedbackRequest = z.object({ vote: z.enum(['up', 'down']), ref: Ref }).strict();

/** Longest display name passed on; a name, not a message. */
export const MAX_DISPLAY_NAME = 80;

/**
 * A display name as one plain-text line: it ends up in a webhook message (e-mail, chat) where a line break starts
 * a new header or line and markup renders. Control and format characters (including bidi overrides) become
 * spaces, tags and angle brackets go, runs of spaces collapse, and the result is cut to MAX_DISPLAY_NAME.
 */
export function plainLine(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_DISPLAY_NAME)
    .trim();
}

export const ContactRequestBody = z
  .object({
    contactId: z.string().min(1).max(80),
    lang: z.enum(['nl', 'en']).default('nl'),
    /** The ref of the reply whose contact button was used: one notification per reply. */
    ref: Ref,
    /** How the vertrouwenspersoon can reach the person: typed by them into the contact form, never a message. */
    requester: z
      .object({ displayName: z.string().max(1000).transform(plainLine).optional(), email: z.string().email().max(200).optional() })
      .strict()
      .default({}),
  })
  .strict();

/** A click on a reroute button: the sealed token the reply carried (opaque, ≤ 1,900 characters) and where to. */
export const RerouteRequestBody = z
  .object({ token: z.string().min(1).max(4000), target: z.enum(['advice', 'handoff']) })
  .strict();
