// The Lua scripts of the Redis session lock. A lock is `lock:<key>` = holder token (SET PX lease); when contended,
// `lock-next:<key>` names the process whose turn is next and `lock-after:<key>` the one after it, so that processes
// take turns instead of the releasing process always winning the race for its own next waiter.

import { RedisScript } from "../db/redis-script.ts";

/**
 * KEYS: lock, next, after, fence. ARGV: token, lease ms, contender id, turn ms, fence ms. The grant's fencing token
 * when taken, else 0 (and queued). The token is the last one plus one, and never less than the server's clock in
 * microseconds: if the fence key is lost (expired, or Redis restarted without persistence), tokens still grow.
 */
export const ACQUIRE = new RedisScript(`
local me = ARGV[3]
local nextInLine = redis.call('GET', KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 0 and (not nextInLine or nextInLine == me) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  local now = redis.call('TIME')
  local fence = math.max(tonumber(redis.call('GET', KEYS[4]) or '0') + 1, tonumber(now[1]) * 1000000 + tonumber(now[2]))
  redis.call('SET', KEYS[4], string.format('%.0f', fence), 'PX', ARGV[5])
  if nextInLine then
    local after = redis.call('GET', KEYS[3])
    if after then
      redis.call('SET', KEYS[2], after, 'PX', ARGV[4])
      redis.call('DEL', KEYS[3])
    else
      redis.call('DEL', KEYS[2])
    end
  end
  return fence
end
if not nextInLine then
  redis.call('SET', KEYS[2], me, 'PX', ARGV[4])
elseif nextInLine == me then
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
else
  local after = redis.call('GET', KEYS[3])
  if not after or after == me then redis.call('SET', KEYS[3], me, 'PX', ARGV[4]) end
end
return 0`);

/** KEYS: lock, next. ARGV: token, channel. Frees the lock if still ours and wakes the waiters, if any. */
export const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PUBLISH', ARGV[2], '') end
return 1`);

/** KEYS: lock. ARGV: token, lease ms. Extends the lease if the lock is still ours. */
export const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);
