/**
 * Remembers recently seen Slack event ids so a redelivered event is answered once.
 * Holds ids only (never text), expires them after `ttlMs` and never grows beyond `maxSize`.
 */
export interface SeenIds {
  /** True when the id was seen within the TTL; otherwise records it and returns false. */
  checkAndAdd(id: string): boolean;
  /** Forgets an id (e.g. a click whose answer failed, so trying again works). */
  forget(id: string): void;
  readonly size: number;
}

export function createSeenIds(options: { ttlMs?: number; maxSize?: number; now?: () => number } = {}): SeenIds {
  const ttlMs = options.ttlMs ?? 10 * 60_000; // Slack retries within about 5 minutes
  const maxSize = options.maxSize ?? 10_000;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>(); // insertion order = expiry order, as the TTL is fixed

  function prune(t: number): void {
    for (const [id, expiry] of expiries) {
      if (expiry > t && expiries.size <= maxSize) break;
      expiries.delete(id);
    }
  }

  return {
    checkAndAdd(id) {
      const t = now();
      prune(t);
      const expiry = expiries.get(id);
      if (expiry !== undefined && expiry > t) return true;
      expiries.set(id, t + ttlMs);
      prune(t);
      return false;
    },
    forget(id) {
      expiries.delete(id);
    },
    get size() {
      return expiries.size;
    },
  };
}

/**
 * A claim on a key for a while: the processed-event dedupe (key: event id) and the replay guard (key: hash of the
 * request signature). Asynchronous so that replicas can share it through PostgreSQL (`claims-pg.ts`).
 */
export interface Claims {
  /** True when the key was free (the caller goes ahead and now holds it); false when it is already held. */
  claim(key: string): Promise<boolean>;
}

/** Claims held in this process only: enough for one replica. */
export function memoryClaims(options: { ttlMs: number; maxSize?: number; now?: () => number }): Claims {
  const seen = createSeenIds(options);
  return { claim: async (key) => !seen.checkAndAdd(key) };
}

/** Where the Slack channel keeps its claims: the event dedupe and the replay guard, with their lifetimes. */
export interface ClaimStore {
  events: Claims;
  replays: Claims;
  close(): Promise<void>;
}

/** Slack retries an event within about 5 minutes; holding ids twice as long covers every retry. */
export const EVENT_CLAIM_MS = 10 * 60_000;

export function memoryClaimStore(replayTtlMs: number): ClaimStore {
  return {
    events: memoryClaims({ ttlMs: EVENT_CLAIM_MS }),
    // Every signed request is remembered for its validity window; Slack sends at most a few per second.
    replays: memoryClaims({ ttlMs: replayTtlMs, maxSize: 50_000 }),
    close: async () => undefined,
  };
}
