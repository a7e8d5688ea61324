/**
 * "Only the first time": one vote and one contact notification per reply. The key is a hash of the reply's sealed
 * ref, never text. The server passes a store shared by the replicas (bot/server/ratelimit.ts); this default keeps
 * the keys in process memory for as long as a ref can be opened.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface OnceStore {
  /** True the first time a key is seen within the store's window; false after that. */
  first(key: string): Promise<boolean>;
  /** Lets the key count as unseen again (a notification that could not be sent may be retried). */
  forget(key: string): Promise<void>;
}

/** Longer than a sealed ref lives (30 minutes), so a ref cannot come back after its key is forgotten. */
export const ONCE_WINDOW_SEC = 31 * 60;

export function createMemoryOnce(): OnceStore {
  const seen = new RateLimiterMemory({ keyPrefix: 'once', points: 1, duration: ONCE_WINDOW_SEC });
  return {
    first: (key) => seen.consume(key).then(() => true, () => false),
    forget: async (key) => {
      await seen.delete(key);
    },
  };
}
