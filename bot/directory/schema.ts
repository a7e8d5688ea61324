/** The organisation's vertrouwenspersonen directory: who a handoff points to. Validated once at start. */
import { z } from 'zod';

const phone = z.string().regex(/^[+0-9][0-9 ()-]{5,20}$/, 'phone: digits, spaces, +, - and () only');
const languages = z.array(z.enum(['nl', 'en'])).min(1).default(['nl']);

export const InternalVp = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'id: lower case letters, digits and -'),
    name: z.string().min(2),
    email: z.string().email(),
    phone: phone.optional(),
    slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user id (U…)').optional(),
    teamsUserId: z.string().min(3).optional(),
    languages,
  })
  .strict();

export const ExternalVp = z
  .object({
    id: z.string().min(2).default('external-vp'),
    name: z.string().min(2),
    organisation: z.string().min(2).optional(),
    email: z.string().email().optional(),
    phone: phone.optional(),
    url: z.string().url().optional(),
    languages,
  })
  .strict()
  .refine((v) => v.email || v.phone || v.url, { message: 'needs at least one of email, phone, url' });

export const Coordinator = z
  .object({
    id: z.string().min(2).default('coordinator'),
    name: z.string().min(2),
    email: z.string().email(),
    phone: phone.optional(),
  })
  .strict();

export const HuisVoorKlokkenluiders = z
  .object({
    phone: phone.default('088-133 10 00'),
    url: z.string().url().default('https://www.huisvoorklokkenluiders.nl'),
  })
  .strict();

export const DirectorySchema = z
  .object({
    organisation: z.string().min(2).optional(),
    internal: z.array(InternalVp).min(1, 'at least one internal vertrouwenspersoon'),
    external: ExternalVp.optional(),
    coordinator: Coordinator,
    huisVoorKlokkenluiders: HuisVoorKlokkenluiders.default({}),
  })
  .strict()
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.internal.forEach((vp, i) => {
      if (seen.has(vp.id)) ctx.addIssue({ code: 'custom', path: ['internal', i, 'id'], message: `duplicate id "${vp.id}"` });
      seen.add(vp.id);
    });
  });

export type Directory = z.infer<typeof DirectorySchema>;
export type InternalVp = z.infer<typeof InternalVp>;
