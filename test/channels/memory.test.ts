import { describe, expect, it } from "vitest";
import { MemoryChannelLayer } from "../../src/channels/memory.ts";
import type { JsonObject } from "../../src/json.ts";

function listener(heard: string[], name: string) {
  return (message: JsonObject) => void heard.push(`${name}:${String(message.n)}`);
}

describe("the in-process channel layer", () => {
  it("delivers to each member once, whether a group has one listener or several, and forgets an empty group", async () => {
    const layer = new MemoryChannelLayer();
    const heard: string[] = [];
    const a = listener(heard, "a");
    const b = listener(heard, "b");
    await layer.groupAdd("g", a);
    await layer.groupAdd("g", a); // joining twice is one membership
    await layer.groupSend("g", { n: 1 });
    await layer.groupAdd("g", b);
    await layer.groupAdd("g", a);
    await layer.groupSend("g", { n: 2 });
    await layer.groupDiscard("g", a);
    await layer.groupSend("g", { n: 3 });
    await layer.groupDiscard("g", a); // not a member any more: nothing changes
    expect(layer.hasGroup("g")).toBe(true);
    await layer.groupDiscard("g", b);
    await layer.groupSend("g", { n: 4 });
    expect(heard).toEqual(["a:1", "a:2", "b:2", "b:3"]);
    expect(layer.hasGroup("g")).toBe(false);
  });

  it("does not let a stranger's discard empty a group of one", async () => {
    const layer = new MemoryChannelLayer();
    const heard: string[] = [];
    await layer.groupAdd("g", listener(heard, "a"));
    await layer.groupDiscard("g", listener(heard, "stranger"));
    await layer.groupSend("g", { n: 1 });
    expect(heard).toEqual(["a:1"]);
  });

  it("lets a listener leave the group while it hears a message, the others still hearing it", async () => {
    const layer = new MemoryChannelLayer();
    const heard: string[] = [];
    const b = listener(heard, "b");
    const a = (message: JsonObject) => {
      heard.push(`a:${String(message.n)}`);
      void layer.groupDiscard("g", a);
    };
    await layer.groupAdd("g", a);
    await layer.groupAdd("g", b);
    await layer.groupSend("g", { n: 1 });
    await layer.groupSend("g", { n: 2 });
    expect(heard).toEqual(["a:1", "b:1", "b:2"]);
  });
});
