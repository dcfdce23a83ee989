// The in-process channel layer: groups are sets of listeners in this process.

import { connectionLog } from "../logger.ts";
import { DEFAULT_REPLAY_WINDOW } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import type { ChannelLayer, GroupHistory, GroupListener, Sequence } from "./channel-layer.ts";
import { ReplayWindow } from "./replay-window.ts";

export interface MemoryChannelLayerOptions {
  /** Messages kept per group for sockets that reconnect (LIVEVIEW_REPLAY_WINDOW). */
  replayWindow?: number;
}

export class MemoryChannelLayer implements ChannelLayer {
  private readonly groups = new Map<string, Set<GroupListener>>();
  private readonly window: ReplayWindow;

  constructor(options: MemoryChannelLayerOptions = {}) {
    this.window = new ReplayWindow(options.replayWindow ?? DEFAULT_REPLAY_WINDOW);
  }

  async groupAdd(group: string, listener: GroupListener): Promise<void> {
    let members = this.groups.get(group);
    if (!members) this.groups.set(group, (members = new Set()));
    members.add(listener);
  }

  async groupDiscard(group: string, listener: GroupListener): Promise<void> {
    const members = this.groups.get(group);
    if (!members) return;
    members.delete(listener);
    if (members.size === 0) this.groups.delete(group);
  }

  async groupSend(group: string, message: JsonObject): Promise<void> {
    this.deliver(group, message);
  }

  async groupSendKept(group: string, message: JsonObject): Promise<void> {
    this.deliver(group, message, this.window.append(group, message));
  }

  async groupHistory(group: string, epoch: string, after: number): Promise<GroupHistory> {
    return this.window.since(group, epoch, after);
  }

  /** Hands a message to this process's listeners; shared layers call it for what arrives from elsewhere. */
  deliver(group: string, message: JsonObject, sequence?: Sequence): void {
    for (const listener of [...(this.groups.get(group) ?? [])]) {
      try {
        listener(message, sequence);
      } catch (error) {
        connectionLog().error(`liveview: a listener of group ${group} threw`, error);
      }
    }
  }

  hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  async close(): Promise<void> {
    this.groups.clear();
  }
}
