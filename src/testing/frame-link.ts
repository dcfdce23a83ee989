// One direction of a faulty link: each frame may wait (latency and jitter, order kept), be lost with the
// connection (drop), arrive twice (duplicate) or after the frame behind it (reorder). Random draws come from a seed.

import { PROXY_REORDER_HOLD_MS } from "../constants.ts";

export interface Faults {
  /** Every frame waits this long (ms). */
  latency?: number;
  /** Plus up to this many ms at random. Frames keep their order, as on one TCP connection. */
  jitter?: number;
  /**
   * Chance (0 to 1) that a frame is lost. A WebSocket runs on TCP, which loses no frame while the connection lives:
   * a frame is lost with its connection, so a dropped frame also cuts the connection it was on, at the moment it
   * would have arrived (the frames ahead of it still arrive; those behind it are lost too).
   */
  drop?: number;
  /** Chance that a frame arrives twice. */
  duplicate?: number;
  /** Chance that a frame is held back and arrives after the next one. */
  reorder?: number;
  /** Seed of the random draws, so a failing run can be replayed (default: a fixed one). */
  seed?: number;
}

export interface LinkStats {
  frames: number;
  dropped: number;
  duplicated: number;
  reordered: number;
}

/** mulberry32: small, fast, good enough to decide which frames misbehave. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FrameLink {
  /** When the last frame leaves: the next one never leaves before it. */
  private lastAt = 0;
  private held: { frame: string; timer: ReturnType<typeof setTimeout> } | undefined;
  /** What is due to leave, in order (their times never decrease), and the one timer for the head of it. */
  private readonly queue: { at: number; run: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A frame was lost: the connection is cut when it would have arrived, and nothing after it gets through. */
  private doomed = false;

  constructor(
    private readonly faults: () => Faults,
    private readonly random: () => number,
    private readonly stats: LinkStats,
    private readonly deliver: (frame: string) => void,
    private readonly cut: () => void,
  ) {}

  push(frame: string): void {
    const faults = this.faults();
    if (this.doomed) return;
    this.stats.frames++;
    if (this.chance(faults.drop)) {
      this.stats.dropped++;
      this.doomed = true;
      this.lastAt = Math.max(this.lastAt, Date.now() + this.delay(faults));
      this.schedule(this.lastAt, this.cut);
      return;
    }
    if (this.held) {
      const held = this.held;
      this.held = undefined;
      clearTimeout(held.timer);
      this.send(frame, faults);
      this.send(held.frame, faults);
      return;
    }
    if (this.chance(faults.reorder)) {
      this.stats.reordered++;
      const timer = setTimeout(() => {
        this.held = undefined;
        this.send(frame, this.faults());
      }, PROXY_REORDER_HOLD_MS);
      this.held = { frame, timer };
      return;
    }
    this.send(frame, faults);
  }

  /** Runs `fn` once every frame pushed so far has left (a close keeps its place behind the frames). */
  after(fn: () => void): void {
    this.schedule(Math.max(this.lastAt, Date.now()), fn);
  }

  stop(): void {
    if (this.held) clearTimeout(this.held.timer);
    this.held = undefined;
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private send(frame: string, faults: Faults): void {
    const copies = this.chance(faults.duplicate) ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    this.lastAt = Math.max(this.lastAt, Date.now() + this.delay(faults));
    for (let i = 0; i < copies; i++) this.schedule(this.lastAt, () => this.deliver(frame));
  }

  private schedule(at: number, run: () => void): void {
    this.queue.push({ at, run });
    if (this.queue.length === 1) this.pump();
  }

  private pump(): void {
    clearTimeout(this.timer);
    while (this.queue.length && this.queue[0]!.at <= Date.now()) this.queue.shift()!.run();
    if (this.queue.length) this.timer = setTimeout(() => this.pump(), this.queue[0]!.at - Date.now());
  }

  private delay(faults: Faults): number {
    return (faults.latency ?? 0) + this.random() * (faults.jitter ?? 0);
  }

  private chance(p: number | undefined): boolean {
    return p !== undefined && p > 0 && this.random() < p;
  }
}
