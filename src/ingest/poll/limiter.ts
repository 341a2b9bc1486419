/**
 * Bounds concurrent work globally and per key (a feed's host): at most `perKey` tasks for one host and
 * `total` in all. Waiting tasks start in arrival order as slots free up.
 */
export class KeyedLimiter {
  private running = 0;
  private readonly runningByKey = new Map<string, number>();
  private readonly waiting: { key: string; start: () => void }[] = [];

  constructor(
    private readonly total: number,
    private readonly perKey: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    if (this.hasRoomFor(key)) {
      this.take(key);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ key, start: resolve }));
  }

  private release(key: string): void {
    this.running -= 1;
    const left = (this.runningByKey.get(key) ?? 1) - 1;
    if (left === 0) this.runningByKey.delete(key);
    else this.runningByKey.set(key, left);
    const next = this.waiting.findIndex((waiter) => this.hasRoomFor(waiter.key));
    if (next === -1) return;
    const [waiter] = this.waiting.splice(next, 1);
    if (!waiter) return;
    this.take(waiter.key);
    waiter.start();
  }

  private hasRoomFor(key: string): boolean {
    return this.running < this.total && (this.runningByKey.get(key) ?? 0) < this.perKey;
  }

  private take(key: string): void {
    this.running += 1;
    this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
  }
}
