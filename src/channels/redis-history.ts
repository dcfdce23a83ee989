// Each group's numbered window in Redis: a hash (history id, last number) and a stream of the latest messages.
// Numbering, keeping and publishing happen in one script, so every process sees a group's numbers in order.

import type { Redis } from "../db/redis.ts";
import { RedisScript } from "../db/redis-script.ts";
import { REPLAY_KEPT_MS } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import type { GroupHistory } from "./channel-layer.ts";
import { newEpoch } from "./replay-window.ts";

/**
 * KEYS: the hash, the stream. ARGV: a new history id (used when the group has none), the window, the expiry (ms),
 * the channel, the envelope's JSON with its last `}` left off, the message's JSON. A group without a history (never
 * used, or expired) starts one with a fresh id, so a socket that saw the old one is told to resync. The stream's
 * entry ids are `0-<n>`. Returns the number of processes that received the publication.
 */
const SEND = new RedisScript(`
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'epoch', epoch)
end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], '0-' .. n, 'm', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return redis.call('PUBLISH', ARGV[4], ARGV[5] .. ',"q":{"n":' .. n .. ',"e":"' .. epoch .. '"}}')
`);

/**
 * KEYS: the hash, the stream. ARGV: a new history id, the expiry, the socket's history id, the last number it saw,
 * the window. Returns { history id, last number, entries or false }.
 */
const SINCE = new RedisScript(`
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'epoch', epoch, 'n', 0)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local last = tonumber(redis.call('HGET', KEYS[1], 'n'))
local after = tonumber(ARGV[4])
if epoch ~= ARGV[3] or after > last then return {epoch, last, false} end
if after == last then return {epoch, last, {}} end
local entries = redis.call('XRANGE', KEYS[2], '0-' .. (after + 1), '+', 'COUNT', ARGV[5])
if #entries == 0 or entries[1][1] ~= '0-' .. (after + 1) then return {epoch, last, false} end
return {epoch, last, entries}
`);

export class RedisHistory {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly window: number,
  ) {}

  private keys(group: string): string[] {
    return [`${this.prefix}history:${group}`, `${this.prefix}log:${group}`];
  }

  /** Numbers, keeps and publishes `envelope` (a JSON object; the number goes in as `q`); resolves with the receivers. */
  async send(group: string, channel: string, envelope: string, message: JsonObject): Promise<number> {
    const args = [newEpoch(), this.window, REPLAY_KEPT_MS, channel, envelope.slice(0, -1), JSON.stringify(message)];
    return Number(await SEND.run(this.client, this.keys(group), args));
  }

  async since(group: string, epoch: string, after: number): Promise<GroupHistory> {
    const args = [newEpoch(), REPLAY_KEPT_MS, epoch, after, this.window];
    const [current, last, entries] = (await SINCE.run(this.client, this.keys(group), args)) as [
      string,
      number,
      [string, string[]][] | null,
    ];
    const missed = entries
      ? entries.map(([id, fields]) => ({
          n: Number(id.slice(2)),
          message: JSON.parse(fields[1]!) as JsonObject,
        }))
      : null;
    return { epoch: current, last: Number(last), missed };
  }
}
