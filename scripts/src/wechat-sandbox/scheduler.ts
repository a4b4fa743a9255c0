/**
 * Every timer the sandbox starts (notification retries, refund settlement, injected delays) goes
 * through here, so close() can cancel them all and jest exits without open handles.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly cleanups = new Set<() => void>();
  private closed = false;

  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
  }

  /** Resolves after `ms`; after close() it resolves at once so pending handlers can finish. */
  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.cleanups.delete(resolve);
          resolve();
        },
        Math.max(0, ms),
      );
      this.timers.add(timer);
      this.cleanups.add(resolve);
    });
  }

  /** Registers something to tear down on close (an in-flight outgoing request); returns the unregister. */
  track(cleanup: () => void): () => void {
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups.clear();
  }
}
