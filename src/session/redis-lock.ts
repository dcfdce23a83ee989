// A session lock shared by every process on one Redis: SET NX PX with a token, a renewed lease, a release that wakes waiters.

import { connectionLog } from "../logger.ts";
import { randomUUID } from "node:crypto";
import type { RedisSubscriber } from "../channels/redis-subscriber.ts";
import {
  DEFAULT_REDIS_PREFIX,
  SESSION_LOCK_LEASE_MS,
  SESSION_LOCK_POLL_MAX_MS,
  SESSION_LOCK_POLL_MIN_MS,
  SESSION_LOCK_TURN_MS,
  SESSION_LOCK_WAIT_MS,
  SESSION_FENCE_KEPT_MS,
} from "../constants.ts";
import { redisCall, releaseRedis, retainRedis, type Redis } from "../db/redis.ts";
import { LiveViewError } from "../errors.ts";
import { runFenced } from "./fence.ts";
import { ACQUIRE, RELEASE, RENEW } from "./redis-lock-scripts.ts";
import { MemorySessionLock, type SessionLock } from "./session-lock.ts";

export interface RedisSessionLockOptions {
  prefix?: string;
  /** A holder that dies frees the lock after this long; a live holder renews it every third of it. */
  leaseMs?: number;
  /** A waiter gives up (session_busy) after this long. */
  waitMs?: number;
}

/**
 * Waiters of one process queue in process (MemorySessionLock), so only one per key and process asks Redis.
 * That one sleeps until a release is published on the key's channel, polling with backoff as a fallback
 * (for a holder that died and whose lease ran out).
 */
export class RedisSessionLock implements SessionLock {
  private readonly local = new MemorySessionLock();
  private readonly contender = randomUUID();
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
    options: RedisSessionLockOptions = {},
  ) {
    retainRedis(redis);
    subscriber.retain();
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.leaseMs = options.leaseMs ?? SESSION_LOCK_LEASE_MS;
    this.waitMs = options.waitMs ?? SESSION_LOCK_WAIT_MS;
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.holding(key, fn));
  }

  private async holding<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const fence = await this.acquire(key, token);
    const renewal = setInterval(() => void this.renew(key, token), Math.floor(this.leaseMs / 3));
    renewal.unref();
    try {
      return await runFenced(key, fence, fn);
    } finally {
      clearInterval(renewal);
      await this.release(key, token);
    }
  }

  private names(key: string) {
    const p = this.prefix;
    return {
      lock: `${p}lock:${key}`,
      next: `${p}lock-next:${key}`,
      after: `${p}lock-after:${key}`,
      freed: `${p}lock-free:${key}`,
      fence: `${p}lock-fence:${key}`,
    };
  }

  /** The grant's fencing token, or null when the lock is taken. */
  private async tryAcquire(key: string, token: string): Promise<number | null> {
    const { lock, next, after, fence } = this.names(key);
    const args = [token, this.leaseMs, this.contender, SESSION_LOCK_TURN_MS, SESSION_FENCE_KEPT_MS];
    const granted = Number(
      await redisCall(this.redis, () => ACQUIRE.run(this.redis, [lock, next, after, fence], args)),
    );
    return granted > 0 ? granted : null;
  }

  private async acquire(key: string, token: string): Promise<number> {
    const first = await this.tryAcquire(key, token);
    if (first !== null) return first;
    const { freed } = this.names(key);
    let woken = false;
    let wake = () => undefined as void;
    const onFreed = () => {
      woken = true;
      wake();
    };
    // Subscribed before the next attempt, so a release in between is not missed; without it, polling still works.
    await this.subscriber.listen(freed, onFreed).catch(() => undefined);
    try {
      const deadline = Date.now() + this.waitMs;
      for (let pause = SESSION_LOCK_POLL_MIN_MS; ; pause = Math.min(pause * 2, SESSION_LOCK_POLL_MAX_MS)) {
        const granted = await this.tryAcquire(key, token);
        if (granted !== null) return granted;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new LiveViewError(
            "session_busy",
            `the session is busy: its lock was not free for ${this.waitMs} ms; try again`,
          );
        if (woken) pause = SESSION_LOCK_POLL_MIN_MS;
        else
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(pause, left));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        woken = false;
      }
    } finally {
      await this.subscriber.unlisten(freed, onFreed);
    }
  }

  private async renew(key: string, token: string): Promise<void> {
    try {
      const renewed = await redisCall(this.redis, () =>
        RENEW.run(this.redis, [this.names(key).lock], [token, this.leaseMs]),
      );
      if (renewed !== 1)
        connectionLog().error(
          "liveview: a session lock expired while its handler was still running (lease too short, or Redis unreachable)",
        );
    } catch {
      // Redis is down: the connection logs it; the next renewal tries again.
    }
  }

  /** A release that fails is not the handler's failure: its work is done and the lease frees the lock. */
  private async release(key: string, token: string): Promise<void> {
    const { lock, next, freed } = this.names(key);
    try {
      await redisCall(this.redis, () => RELEASE.run(this.redis, [lock, next], [token, freed]));
    } catch (error) {
      connectionLog().error(
        `liveview: could not release a session lock (${(error as Error).message}); it frees itself within ${this.leaseMs} ms`,
      );
    }
  }

  async close(): Promise<void> {
    await this.subscriber.close();
    await releaseRedis(this.redis);
  }
}
