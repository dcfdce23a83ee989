// The benchmark's durations, sizes and limits, named.

/** Measured window of one run, and the warm-up before it (same sockets, not counted). */
export const DEFAULT_DURATION_MS = 5_000;
export const DEFAULT_WARMUP_MS = 1_000;
/** Each round measures echo then ours once per configuration, so drift hits both alike. */
export const DEFAULT_ROUNDS = 2;
export const DEFAULT_CONNECTIONS = [1, 50, 500];

/** `--quick`: a smoke run that only shows the machinery works. */
export const QUICK_DURATION_MS = 1_000;
export const QUICK_WARMUP_MS = 200;
export const QUICK_ROUNDS = 1;

/** The HTTP figure: keep-alive connections, each with its own session on our server. */
export const HTTP_CONNECTIONS = 50;

/** Idle sockets opened for the memory measurement: as many as one process must hold (10,000 idle sockets in one process is a goal of ours). */
export const MEMORY_SOCKETS = 10_000;
/** After the last socket opened: time for joins and buffers to settle before measuring. */
export const MEMORY_SETTLE_MS = 1_000;
/** Full collections before each memory reading, so the heap holds only what is live. */
export const GC_PASSES = 3;

/** Upgrades, or page GETs, in flight at once while opening many sockets or sessions. */
export const OPEN_CONCURRENCY = 200;
export const HTTP_CONCURRENCY = 32;
/** How long a socket may take to open before the run fails. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** After the window: how long in-flight requests may take to be answered before they count as unanswered. */
export const DRAIN_TIMEOUT_MS = 30_000;
/** Closing sockets after a run: waited for, but not for ever. */
export const CLOSE_TIMEOUT_MS = 5_000;
/** Pause between runs, so the previous run's closes and garbage are behind the server. */
export const PAUSE_BETWEEN_RUNS_MS = 300;
/**
 * Before each run, every server must be idle (below this share of a core over one sample), so that a server still
 * working off the previous run's backlog does not share the core with the next run; given up after the timeout.
 */
export const IDLE_CPU_SHARE = 0.05;
export const IDLE_SAMPLE_MS = 250;
export const IDLE_TIMEOUT_MS = 60_000;
/** A wait for idleness longer than this is reported in the progress lines. */
export const IDLE_NOTICE_MS = 1_000;
/** Other processes using more than this share of a core during a window are named in its progress line. */
export const OTHERS_NOTICE_SHARE = 0.1;
/** A 1-minute load average above this (other processes busy on the machine) earns a warning in the output. */
export const BUSY_LOAD_AVERAGE = 1;

/** A child process must say it is ready within this time. */
export const CHILD_READY_TIMEOUT_MS = 30_000;
/** A child asked to stop is killed after this time. */
export const CHILD_STOP_TIMEOUT_MS = 5_000;

/** Probing whether a server acknowledges a message id: wait this long after its first reply for an ack. */
export const ACK_PROBE_WINDOW_MS = 500;

/** Cores, when the machine has at least two and `taskset` exists: servers on one, the load client on another. */
export const SERVER_CORE = 0;
export const CLIENT_CORE = 1;
export const MIN_CORES_FOR_PINNING = 2;

/** Latency histogram: values in units of 100 ns, 2^7 sub-buckets per power of two (under 1 % error). */
export const HISTOGRAM_UNITS_PER_MS = 10_000;
export const HISTOGRAM_SUB_BUCKET_BITS = 7;
/** Largest power of two tracked: 2^30 units = 107 s; longer latencies count in the last bucket. */
export const HISTOGRAM_MAX_EXPONENT = 30;

/** Latencies print with this many significant digits (whole milliseconds above that). */
export const LATENCY_DIGITS = 3;

/** /proc/<pid>/stat: utime and stime, counted from the field after the command name; clock ticks if getconf fails. */
export const PROC_UTIME_FIELD = 11;
export const PROC_STIME_FIELD = 12;
export const DEFAULT_CLOCK_TICKS = 100;
/** /proc/stat's "cpu" line: user, nice, system, (idle, iowait,) irq, softirq, steal. */
export const PROC_STAT_BUSY_FIELDS = [0, 1, 2, 5, 6, 7];

/** `--reconnect`: pages (instances of the real client) on our server when it is killed, and how long it stays down. */
export const STORM_PAGES = 1_000;
export const STORM_PAUSE_MS = 1_000;
/** How long the pages may take to open, at first and after the restart, before the section fails. */
export const STORM_TIMEOUT_MS = 20_000;
