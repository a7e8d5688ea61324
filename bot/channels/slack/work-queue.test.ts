import { describe, expect, it } from 'vitest';
import { createWorkQueue, QueueFullError } from './work-queue.js';

describe('createWorkQueue', () => {
  it('never runs more than `concurrency` jobs at once and runs them all in order', async () => {
    const q = createWorkQueue(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const jobs = Array.from({ length: 6 }, (_, i) =>
      q.run(async () => {
        active++;
        peak = Math.max(peak, active);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return i * 10;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets I/O callbacks run between job starts', async () => {
    const q = createWorkQueue(8);
    const events: string[] = [];
    const busy = (name: string) => async () => {
      const end = Date.now() + 20;
      while (Date.now() < end) {
        /* hold the CPU like a synchronous answer computation */
      }
      events.push(name);
    };
    const jobs = [q.run(busy('a')), q.run(busy('b')), q.run(busy('c'))];
    // A timer due right away stands in for an arriving request: it must not wait for all three jobs.
    setTimeout(() => events.push('io'), 0);
    await Promise.all(jobs);
    expect(events.indexOf('io')).toBeLessThan(3);
  });

  it('keeps going after a job fails', async () => {
    const q = createWorkQueue(1);
    await expect(q.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run(async () => 'ok')).toBe('ok');
    expect(q.running).toBe(0);
  });

  it('turns new jobs away once too many wait, and keeps running the ones it accepted', async () => {
    const q = createWorkQueue(1, 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = q.run(() => gate.then(() => 'first'));
    await new Promise((r) => setImmediate(r)); // first is running now
    const waiting = [q.run(async () => 'second'), q.run(async () => 'third')];
    await expect(q.run(async () => 'fourth')).rejects.toBeInstanceOf(QueueFullError);
    release();
    expect(await Promise.all([first, ...waiting])).toEqual(['first', 'second', 'third']);
  });
});
