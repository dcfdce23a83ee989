// Helpers for pages driven by Playwright (any version: only the page's `evaluate` and `waitForFunction` are used):
// wait until the client is idle, drop its connection, give it latency.

/** The part of Playwright's `Page` these helpers use. */
export interface BrowserPageLike {
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  waitForFunction<A>(
    fn: (arg: A) => unknown,
    arg: A,
    options?: { timeout?: number; polling?: number },
  ): Promise<unknown>;
}

interface ClientGlobal {
  LiveView?: {
    idle?: boolean;
    dropConnection(): void;
    enableLatencySim(ms: number): void;
    disableLatencySim(): void;
  };
}

/** Resolves when the page's client is connected, with no call waiting out a debounce, in flight or queued. */
export async function waitForIdle(page: BrowserPageLike, options: { timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(() => (globalThis as ClientGlobal).LiveView?.idle === true, null, options);
}

/** Drops the page's socket as a lost network would; its client reconnects and sends again what was not acknowledged. */
export async function dropConnection(page: BrowserPageLike): Promise<void> {
  await page.evaluate(() => (globalThis as ClientGlobal).LiveView!.dropConnection(), null);
}

/** Every frame of the page waits `ms` each way, across reloads of the tab (0 turns it off). */
export async function setLatency(page: BrowserPageLike, ms: number): Promise<void> {
  await page.evaluate((delay) => {
    const live = (globalThis as ClientGlobal).LiveView!;
    if (delay > 0) live.enableLatencySim(delay);
    else live.disableLatencySim();
  }, ms);
}
