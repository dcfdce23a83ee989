// How much the fuzz tests try: a short run inside the suite, or the long one of `npm run fuzz` (LIVEVIEW_FUZZ=long).

const LONG = process.env.LIVEVIEW_FUZZ === "long";

/** Frames sent over real sockets: a few seconds' worth in the suite, the issue's million in the long run. */
export const FRAMES = LONG ? 1_000_000 : 4_000;
/** Random HTTP requests. */
export const HTTP_REQUESTS = LONG ? 100_000 : 600;
/** Random sessions saved and loaded back, per engine (20,000 each took 20 minutes on two busy cores). */
export const SESSIONS_PER_ENGINE = LONG ? 5_000 : 60;
/** A fixed seed unless one is given, so that a failure in the suite can be replayed (fast-check prints its seed). */
export const SEED = process.env.LIVEVIEW_FUZZ_SEED
  ? Number(process.env.LIVEVIEW_FUZZ_SEED)
  : LONG
    ? Date.now()
    : 20261201;
/** A long run takes minutes; the suite's own timeout is for ordinary tests. */
export const FUZZ_TIMEOUT_MS = LONG ? 3 * 60 * 60 * 1000 : 60_000;
