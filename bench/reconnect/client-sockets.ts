// Many pages' sockets in one process: one instance of the browser client's socket module per page, each connected
// to the server and watched for when it is open.

export type ConnectionState = "connecting" | "open" | "closed";

/** What the client's socket module (client/src/socket.ts) exports and we use. */
export interface SocketModule {
  connect(url: string, on: { message(data: unknown): void; state(state: ConnectionState): void }): void;
}

export interface ClientSockets {
  /** How many are open now. */
  open(): number;
  /** Resolves when all are open, or rejects after `timeoutMs` saying how many are. */
  allOpen(timeoutMs: number): Promise<void>;
  /** When each page last opened its socket (Date.now()), for pages that did. */
  openedAt(): number[];
}

/** Loads `count` fresh instances with `load` and connects each to `url(i)`, one after another. */
export async function openClientSockets(
  count: number,
  url: (i: number) => string,
  load: (i: number) => Promise<SocketModule>,
): Promise<ClientSockets> {
  const states: ConnectionState[] = new Array(count).fill("closed");
  const openedAt: number[] = [];
  let waiter: (() => void) | null = null;
  let openNow = 0;
  for (let i = 0; i < count; i++) {
    const socket = await load(i);
    socket.connect(url(i), {
      message: () => undefined,
      state(state) {
        if (state === "open" && states[i] !== "open") openNow++;
        if (state !== "open" && states[i] === "open") openNow--;
        states[i] = state;
        if (state === "open") openedAt[i] = Date.now();
        if (openNow === count) waiter?.();
      },
    });
  }
  return {
    open: () => openNow,
    openedAt: () => openedAt.filter((t) => t !== undefined),
    allOpen(timeoutMs) {
      if (openNow === count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${openNow} of ${count} sockets open after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiter = () => {
          clearTimeout(timer);
          waiter = null;
          resolve();
        };
      });
    },
  };
}
