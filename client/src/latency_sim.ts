// `LiveView.enableLatencySim(ms)`: every frame this tab sends or receives waits `ms` first, so a developer sees the
// page as a slow network shows it (loading marks, disabled buttons, typed values kept). Kept for the tab's session,
// across reloads, until `disableLatencySim()`.

import { LATENCY_SIM_KEY } from "./constants";

export function enableLatencySim(ms: number): void {
  if (!(ms >= 0)) throw new TypeError(`LiveView.enableLatencySim: ${ms} is not a number of milliseconds`);
  sessionStorage.setItem(LATENCY_SIM_KEY, String(ms));
  console.info(`LiveView: every frame waits ${ms} ms (LiveView.disableLatencySim() to stop)`);
}

export function disableLatencySim(): void {
  sessionStorage.removeItem(LATENCY_SIM_KEY);
}

/** The simulated latency in ms, 0 when off (or when this tab has no sessionStorage). */
export function simulatedLatency(): number {
  try {
    return Number(sessionStorage.getItem(LATENCY_SIM_KEY)) || 0;
  } catch {
    return 0;
  }
}

/** Runs `fn` now, or after the simulated latency; equal delays keep the frames' order. */
export function afterLatency(fn: () => void): void {
  const ms = simulatedLatency();
  if (ms > 0) setTimeout(fn, ms);
  else fn();
}
