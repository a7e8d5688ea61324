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
