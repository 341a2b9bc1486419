import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from '../../../src/ingest/poll/limiter.js';

/** A task that stays running until the test releases it. */
function controllable() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { release, task: () => done };
}

describe('KeyedLimiter', () => {
  it('runs at most perKey tasks for one key and total overall', async () => {
    const limiter = new KeyedLimiter(3, 2);
    const started: string[] = [];
    const tasks = ['a1', 'a2', 'a3', 'b1', 'c1'].map((name) => {
      const control = controllable();
      const run = limiter.run(name[0] ?? '', () => {
        started.push(name);
        return control.task();
      });
      return { name, control, run };
    });
    await Promise.resolve();
    expect(started).toEqual(['a1', 'a2', 'b1']);

    tasks[0]?.control.release();
    await tasks[0]?.run;
    await Promise.resolve();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);

    tasks[1]?.control.release();
    await tasks[1]?.run;
    await Promise.resolve();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'c1']);

    for (const task of tasks) task.control.release();
    await Promise.all(tasks.map((task) => task.run));
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new KeyedLimiter(1, 1);
    await expect(limiter.run('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('x', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
