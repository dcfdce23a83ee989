// The Lua scripts of the Redis session engine: each runs atomically on the server, so a merge never interleaves.
// A session is a hash: `#v` version, `#e` expiry (ms), `#f` the fencing token of its last write under a shared lock,
// `=<key>` a value's JSON; for cached_db also `#p` (a database write is under way: serve nothing, accept no refill)
// and `#t` (the database is at `#v`, the values are unknown).

import { RedisScript } from "../../db/redis-script.ts";

/**
 * ARGV: expireAt, now (ms) when the writer loaded the session (else ''), the writer's fencing token (else ''), n, n
 * field/value pairs, then the fields to delete. Returns the new version, or (nothing written) -1 when the writer
 * loaded it but it is gone or expired now, -2 when a write under a newer fencing token came first.
 */
export const SAVE = new RedisScript(`
if ARGV[2] ~= '' and tonumber(redis.call('HGET', KEYS[1], '#e') or '0') <= tonumber(ARGV[2]) then return -1 end
if ARGV[3] ~= '' then
  if tonumber(redis.call('HGET', KEYS[1], '#f') or '0') > tonumber(ARGV[3]) then return -2 end
  redis.call('HSET', KEYS[1], '#f', ARGV[3])
end
local n = tonumber(ARGV[4])
local version = redis.call('HINCRBY', KEYS[1], '#v', 1)
for i = 5, 4 + 2 * n, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
for i = 5 + 2 * n, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
redis.call('HSET', KEYS[1], '#e', ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
return version`);

/** A whole session read from the database (ARGV: version, expireAt, pairs), unless a write is under way or the cache knows better. */
export const PUT = new RedisScript(`
if redis.call('HEXISTS', KEYS[1], '#p') == 1 then return 0 end
local current = tonumber(redis.call('HGET', KEYS[1], '#v') or '0')
local version = tonumber(ARGV[1])
if current > version or (current == version and redis.call('HEXISTS', KEYS[1], '#t') == 0) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '#v', version, '#e', ARGV[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1`);

/** Before the database changes (ARGV: how long the mark lasts if never cleared). */
export const MARK = new RedisScript(`
redis.call('HSET', KEYS[1], '#p', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`);

/**
 * After the database saved version ARGV[1]: apply the same changes when the cache held the values of exactly the
 * version before; otherwise keep only that version (no values). ARGV: version, expireAt, n, pairs, deleted fields.
 */
export const PATCH = new RedisScript(`
local version = tonumber(ARGV[1])
local n = tonumber(ARGV[3])
local current = tonumber(redis.call('HGET', KEYS[1], '#v') or '-1')
if current >= version then return 0 end
if current == version - 1 and redis.call('HEXISTS', KEYS[1], '#t') == 0 then
  for i = 4, 3 + 2 * n, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
  for i = 4 + 2 * n, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
  redis.call('HDEL', KEYS[1], '#p')
  redis.call('HSET', KEYS[1], '#v', version, '#e', ARGV[2])
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  return 1
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '#v', version, '#t', '1')
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 0`);

/** After the database deleted the session: drop the values, refuse refills for a while (ARGV: how long). */
export const FORGET = new RedisScript(`
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '#p', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`);
