/**
 * Runs answer jobs with bounded concurrency and starts at most one job per event-loop turn.
 * A core answer can hold the CPU for tens of milliseconds; starting jobs one turn at a time lets the server read
 * and acknowledge newly arrived Slack requests in between, so acknowledgements never queue behind answers.
 */
/** Thrown by `run` when too many jobs wait: under overload the newest question is turned away, not hoarded. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

export interface WorkQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly waiting: number;
  readonly running: number;
}

/**
 * `maxWaiting` bounds memory under a flood of events: every waiting job holds its Slack payload until it runs.
 * Slack itself delivers at most about 30,000 events per workspace per hour, so the bound is only reached in a storm.
 */
export function createWorkQueue(concurrency = 4, maxWaiting = 500): WorkQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('work queue concurrency must be a positive integer');
  const waiting: Array<() => void> = [];
  let running = 0;
  let scheduled = false;

  function pump(): void {
    if (scheduled || waiting.length === 0 || running >= concurrency) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (running < concurrency) {
        const start = waiting.shift();
        if (start) {
          running++;
          start();
        }
      }
      pump();
    });
  }

  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (waiting.length >= maxWaiting) throw new QueueFullError(`more than ${maxWaiting} answers waiting`);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        pump();
      });
      try {
        return await job();
      } finally {
        running--;
        pump();
      }
    },
    get waiting() {
      return waiting.length;
    },
    get running() {
      return running;
    },
  };
}
