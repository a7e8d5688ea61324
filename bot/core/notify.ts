/**
 * Warm handoff: tell a vertrouwenspersoon that someone would like to talk, on the user's explicit click.
 * The notification carries who asked and through which channel, never anything the user wrote.
 */
import { errorSummary, type Logger } from '../log.js';
import type { ChannelKind, Contact, ContactRequest, Lang } from './types.js';

export interface NotifyRequest {
  contact: Contact;
  requester: ContactRequest['requester'];
  channel: ChannelKind;
  lang: Lang;
}

export interface NotifyResult {
  ok: boolean;
  reason?: 'not-configured' | 'failed';
}

export interface Notifier {
  readonly configured: boolean;
  notify(request: NotifyRequest): Promise<NotifyResult>;
}

/** The payload a webhook receives: labels and contact routes only. */
export interface ContactRequestPayload {
  event: 'contact-request';
  contact: { id: string; name: string };
  requester: ContactRequest['requester'];
  channel: ChannelKind;
  lang: Lang;
  requestedAt: string;
}

export function createWebhookNotifier(opts: { url: string; timeoutMs?: number; log?: Logger; now?: () => Date }): Notifier {
  return {
    configured: true,
    async notify(request) {
      const payload: ContactRequestPayload = {
        event: 'contact-request',
        contact: { id: request.contact.id, name: request.contact.name },
        requester: request.requester,
        channel: request.channel,
        lang: request.lang,
        requestedAt: (opts.now?.() ?? new Date()).toISOString(),
      };
      try {
        const res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
        });
        if (!res.ok) {
          opts.log?.warn({ event: 'notify-failed', status: res.status });
          return { ok: false, reason: 'failed' };
        }
        opts.log?.info({ event: 'notify-sent', contactId: request.contact.id, channel: request.channel });
        return { ok: true };
      } catch (e) {
        opts.log?.warn({ event: 'notify-failed', err: errorSummary(e) });
        return { ok: false, reason: 'failed' };
      }
    },
  };
}

/** Used when no webhook is configured: the reply then gives the contact routes instead. */
export function createNoopNotifier(): Notifier {
  return { configured: false, notify: async () => ({ ok: false, reason: 'not-configured' }) };
}
