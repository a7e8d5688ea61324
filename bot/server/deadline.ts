/**
 * `work`, or `onTimeout()` when it has not settled by `ms`. The work is not cancelled (most cannot be); the timer
 * never keeps the process alive. One helper for the answer deadline, the health checks and the store close.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
