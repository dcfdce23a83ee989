// Redis connections for sessions, locks and groups: bounded waits, quiet reconnects, clear errors when it is down.

import { connectionLog } from "../logger.ts";
import type { Redis } from "ioredis";
import {
  REDIS_COMMAND_TIMEOUT_MS,
  REDIS_CONNECT_TIMEOUT_MS,
  REDIS_READY_WAIT_MS,
  REDIS_RETRY_MAX_MS,
} from "../constants.ts";
import type { LiveViewError } from "../errors.ts";
import { loadDriver } from "./driver.ts";
import { release, retain } from "./ref-count.ts";
import { storeUnavailable } from "../errors.ts";

export type { Redis };

/**
 * Connects at once and reconnects forever with backoff. Commands are never queued while disconnected nor resent
 * after a reconnect (a write either answers or fails within REDIS_COMMAND_TIMEOUT_MS); see `redisCall`.
 */
export function connectRedis(url: string, role = "commands"): Redis {
  const { Redis } = loadDriver<typeof import("ioredis")>("ioredis", "REDIS_URL");
  const client = new Redis(url, {
    connectionName: `liveview-${role}`,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(25 * 2 ** Math.min(attempt, 10), REDIS_RETRY_MAX_MS),
  });
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return; // one line per outage, not one per reconnection attempt
    down = true;
    connectionLog().error(
      `liveview: Redis at ${where(client)} (${role}) is unavailable: ${error.message}; reconnecting`,
    );
  });
  client.on("ready", () => {
    if (down) connectionLog().error(`liveview: Redis at ${where(client)} (${role}) is back`);
    down = false;
  });
  return client;
}

export function where(client: Redis): string {
  return `${client.options.host ?? "127.0.0.1"}:${client.options.port ?? 6379}`;
}

/**
 * Resolves once the client is ready. While it waits to retry after a failed attempt, fails at once (so that calls
 * queued behind each other do not each wait); while a connection attempt runs, waits up to REDIS_READY_WAIT_MS.
 */
export function whenReady(client: Redis): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  if (client.status === "end") return Promise.reject(unavailable(client, new Error("the connection was closed")));
  if (client.status === "reconnecting")
    return Promise.reject(unavailable(client, new Error("not connected, retrying")));
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(unavailable(client, new Error("could not connect in time")));
    }, REDIS_READY_WAIT_MS);
    client.once("ready", onReady);
  });
}

/** Runs `command` once the client is ready; failures of the connection become store_unavailable. */
export async function redisCall<T>(client: Redis, command: () => Promise<T>): Promise<T> {
  await whenReady(client);
  try {
    return await command();
  } catch (error) {
    throw isReplyError(error) ? error : unavailable(client, error);
  }
}

/** A reply from a working server (a script error, a wrong type) is a bug to see, not an outage to wait out. */
function isReplyError(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === "ReplyError" && !/^(LOADING|READONLY|MASTERDOWN|BUSY|CLUSTERDOWN|TRYAGAIN)/.test(e.message ?? "");
}

export function unavailable(client: Redis, cause: unknown): LiveViewError {
  return storeUnavailable(
    `Redis at ${where(client)}`,
    cause,
    "Check that it is running and that REDIS_URL points to it; the server reconnects by itself, so try again in a moment.",
  );
}

/** Records one more user of a client (see releaseRedis). */
export function retainRedis(client: Redis): Redis {
  return retain(client);
}

/** Lets go of a shared client; the last user closes it. */
export function releaseRedis(client: Redis): Promise<void> {
  return release(client, () => client.quit().catch(() => client.disconnect()));
}
