// Calls leaving and being acknowledged, for the features that follow a call (disable-with, save status, drafts).

type Sent = (id: string, el: Element | undefined, debounced: boolean) => void;
type Acked = (id: string) => void;

const sentListeners: Sent[] = [];
const ackedListeners: Acked[] = [];

export const onCallSent = (fn: Sent): void => void sentListeners.push(fn);
export const onCallAcked = (fn: Acked): void => void ackedListeners.push(fn);

export function callSent(id: string, el: Element | undefined, debounced: boolean): void {
  for (const fn of sentListeners) fn(id, el, debounced);
}

export function callAcked(id: string): void {
  for (const fn of ackedListeners) fn(id);
}
