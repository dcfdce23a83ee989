// The in-process channel layer: groups are sets of listeners in this process.

import { connectionLog } from "../logger.ts";
import { DEFAULT_REPLAY_WINDOW } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import type { ChannelLayer, GroupHistory, GroupListener, Sequence } from "./channel-layer.ts";
import { ReplayWindow } from "./replay-window.ts";
import { DONE } from "../promises.ts";

export interface MemoryChannelLayerOptions {
  /** Messages kept per group for sockets that reconnect (LIVEVIEW_REPLAY_WINDOW). */
  replayWindow?: number;
}

export class MemoryChannelLayer implements ChannelLayer {
  /**
   * A group's listeners: most groups (a socket's room, a session with one tab) have one, held as it is; a Set
   * (a few hundred bytes each, one per socket otherwise) only from the second on.
   */
  private readonly groups = new Map<string, GroupListener | Set<GroupListener>>();
  private readonly window: ReplayWindow;

  constructor(options: MemoryChannelLayerOptions = {}) {
    this.window = new ReplayWindow(options.replayWindow ?? DEFAULT_REPLAY_WINDOW);
  }

  async groupAdd(group: string, listener: GroupListener): Promise<void> {
    const members = this.groups.get(group);
    if (members === undefined) this.groups.set(group, listener);
    else if (members instanceof Set) members.add(listener);
    else if (members !== listener) this.groups.set(group, new Set([members, listener]));
  }

  async groupDiscard(group: string, listener: GroupListener): Promise<void> {
    const members = this.groups.get(group);
    if (members instanceof Set) {
      members.delete(listener);
      if (members.size === 0) this.groups.delete(group);
    } else if (members === listener) this.groups.delete(group);
  }

  /** Delivered before it returns (the settled promise it returns is shared: a send makes none). */
  groupSend(group: string, message: JsonObject): Promise<void> {
    this.deliver(group, message);
    return DONE;
  }

  async groupSendKept(group: string, message: JsonObject): Promise<void> {
    this.deliver(group, message, this.window.append(group, message));
  }

  async groupHistory(group: string, epoch: string, after: number): Promise<GroupHistory> {
    return this.window.since(group, epoch, after);
  }

  /** Hands a message to this process's listeners; shared layers call it for what arrives from elsewhere. */
  deliver(group: string, message: JsonObject, sequence?: Sequence): void {
    const members = this.groups.get(group);
    if (members === undefined) return;
    // A copy: a listener may join or leave the group while it hears the message.
    for (const listener of members instanceof Set ? [...members] : [members]) {
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
