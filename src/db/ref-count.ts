// Shared connections (a Redis client, a PostgreSQL pool) close when the last component using them lets go.

const holders = new WeakMap<object, number>();

/** Records one more user of `resource`; returns it. */
export function retain<T extends object>(resource: T): T {
  holders.set(resource, (holders.get(resource) ?? 0) + 1);
  return resource;
}

/** Records one user less; runs `close` when it was the last. */
export async function release(resource: object, close: () => Promise<unknown>): Promise<void> {
  const left = (holders.get(resource) ?? 1) - 1;
  if (left > 0) {
    holders.set(resource, left);
    return;
  }
  holders.delete(resource);
  await close();
}
