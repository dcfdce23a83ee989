// CPU used during a run's measured window: by the server under test, and by processes outside the benchmark.

import { canReadProc, cpuMicros, machineBusyMicros } from "./proc.ts";

export interface CpuShares {
  /** The server's CPU, as a share of one core; null when its process is unknown. */
  server: number | null;
  /** Everything else the machine ran (other programs, the hypervisor's steal), as a share of one core. */
  others: number | null;
}

interface Sample {
  server: number;
  ours: number;
  machine: number;
}

/** Sampled from /proc at the window's start and end, without asking the processes (a busy server answers late). */
export class CpuMeter {
  private readonly samples: Sample[] = [];
  private readonly server: number | null;
  private readonly ours: number[];

  /** `ours`: every process of the benchmark (servers, load client); this process is added. */
  constructor(server: number | null, ours: number[]) {
    this.server = server !== null && canReadProc(server) ? server : null;
    this.ours = [...new Set([process.pid, ...ours])].filter(canReadProc);
  }

  sample(): void {
    if (!canReadProc(process.pid)) return;
    this.samples.push({
      server: this.server === null ? 0 : cpuMicros(this.server),
      ours: this.ours.reduce((sum, pid) => sum + cpuMicros(pid), 0),
      machine: machineBusyMicros(),
    });
  }

  shares(windowMs: number): CpuShares {
    const [start, end] = this.samples;
    if (!start || !end) return { server: null, others: null };
    const share = (micros: number) => micros / 1000 / windowMs;
    return {
      server: this.server === null ? null : share(end.server - start.server),
      others: Math.max(0, share(end.machine - start.machine - (end.ours - start.ours))),
    };
  }
}
