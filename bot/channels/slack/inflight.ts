/**
 * Counts the Slack requests Bolt is working on, from the moment the receiver hands one over until every listener
 * is done (queued, answered, reply posted). Shutdown waits on it: an acknowledged event is never sent again by
 * Slack, so dropping it at a restart means the question is never answered.
 */
export interface Inflight {
  track<T>(work: Promise<T>): Promise<T>;
  readonly pending: number;
  /** Resolves once nothing is pending. */
  idle(): Promise<void>;
}

export function createInflight(): Inflight {
  let pending = 0;
  let waiters: Array<() => void> = [];
  return {
    async track(work) {
      pending++;
      try {
        return await work;
      } finally {
        pending--;
        if (pending === 0) {
          for (const w of waiters) w();
          waiters = [];
        }
      }
    },
    get pending() {
      return pending;
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}
