/**
 * Runs answer jobs with bounded concurrency and starts at most one job per event-loop turn.
 * A core answer can hold the CPU for tens of milliseconds; starting jobs one turn at a time lets the server read
 * and acknowledge newly arrived Slack requests in between, so acknowledgements never queue behind answers.
 */
export interface WorkQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly waiting: number;
  readonly running: number;
}

export function createWorkQueue(concurrency = 4): WorkQueue {
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
