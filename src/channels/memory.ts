// The in-process channel layer: groups are sets of listeners in this process.

import { connectionLog } from "../logger.ts";
import type { JsonObject } from "../json.ts";
import type { ChannelLayer, GroupListener } from "./channel-layer.ts";

export class MemoryChannelLayer implements ChannelLayer {
  private readonly groups = new Map<string, Set<GroupListener>>();

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

  /** Hands a message to this process's listeners; shared layers call it for what arrives from elsewhere. */
  deliver(group: string, message: JsonObject): void {
    for (const listener of [...(this.groups.get(group) ?? [])]) {
      try {
        listener(message);
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
