import { describe, expect, it } from "vitest";
import { RANDOM_POOL_BYTES } from "../../src/constants.ts";
import { pooledRandomBytes, pooledRandomHex } from "../../src/session/random-pool.ts";

describe("the pool of random bytes", () => {
  it("never hands out the same bytes twice, across refills", () => {
    const draws = (RANDOM_POOL_BYTES / 16) * 4;
    const ids = Array.from({ length: draws }, () => pooledRandomHex(16));
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(draws);
  });

  it("gives bytes of their own: later draws and refills do not change them", () => {
    const first = pooledRandomBytes(32);
    const copy = Buffer.from(first);
    for (let i = 0; i < RANDOM_POOL_BYTES / 8; i++) pooledRandomBytes(32);
    expect(first.equals(copy)).toBe(true);
  });

  it("serves a draw larger than the pool", () => {
    const big = pooledRandomBytes(RANDOM_POOL_BYTES * 2);
    expect(big.length).toBe(RANDOM_POOL_BYTES * 2);
    expect(big.subarray(0, RANDOM_POOL_BYTES).equals(big.subarray(RANDOM_POOL_BYTES))).toBe(false);
  });
});
