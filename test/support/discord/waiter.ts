import type { EventEmitter } from 'node:events';
import type { WaitOptions } from './api.js';

/** Event-driven waits: a probe re-checked on every "change" event, bounded by a timeout. */
export class Waiter {
  private readonly pending = new Set<(error: Error) => void>();

  constructor(
    private readonly events: EventEmitter,
    private readonly defaultTimeoutMs: number,
  ) {}

  waitFor<T>(probe: () => T | null | undefined | false, options: WaitOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
      const settle = () => {
        clearTimeout(timer);
        this.events.off('change', check);
        this.pending.delete(fail);
      };
      const fail = (error: Error) => {
        settle();
        reject(error);
      };
      const check = () => {
        const value = probe();
        if (value === null || value === undefined || value === false) return;
        settle();
        resolve(value);
      };
      const timer = setTimeout(() => {
        const { description = 'a condition on the local Discord server' } = options;
        fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof description === 'function' ? description() : description}.`));
      }, timeoutMs);
      this.pending.add(fail);
      this.events.on('change', check);
      check();
    });
  }

  cancelAll(reason: string): void {
    for (const fail of [...this.pending]) fail(new Error(reason));
  }
}
