// The messages between a reconnect storm and its server process (Node's IPC channel).

export type ToStormServer =
  | { type: "listen"; port: number }
  | { type: "upgrades" };

export type FromStormServer =
  | { type: "ready" }
  | { type: "listening"; port: number; at: number }
  | { type: "upgrades"; times: number[] }
  | { type: "error"; message: string };
