// The in-process window of kept group messages, and a socket's cursors over it: numbered, bounded, and a gap filled.

import { describe, expect, it } from "vitest";
import { MemoryChannelLayer } from "../../src/channels/memory.ts";
import type { Sequence } from "../../src/channels/channel-layer.ts";
import { ReplayWindow } from "../../src/channels/replay-window.ts";
import type { JsonObject } from "../../src/json.ts";
import { GroupCursors } from "../../src/live/replay/group-cursors.ts";
import { parseResume } from "../../src/live/replay/resume-param.ts";

const send = (n: number) => ({ type: "liveview.send", message: { n } });

describe("the replay window", () => {
  it("numbers each group's messages from 1 and gives those after a point, in order", () => {
    const window = new ReplayWindow(10);
    const [first] = [window.append("g", send(1)), window.append("other", send(0))];
    for (let n = 2; n <= 4; n++) window.append("g", send(n));
    expect(first).toMatchObject({ group: "g", n: 1 });
    const history = window.since("g", first!.epoch, 2);
    expect(history.last).toBe(4);
    expect(history.missed!.map((m) => m.message)).toEqual([send(3), send(4)]);
    expect(window.since("g", first!.epoch, 4).missed).toEqual([]);
  });

  it("keeps only the last `size` messages: a point before them, or of another history, gets null", () => {
    const window = new ReplayWindow(3);
    const { epoch } = window.append("g", send(1));
    for (let n = 2; n <= 5; n++) window.append("g", send(n));
    expect(window.since("g", epoch, 1).missed).toBeNull();
    expect(window.since("g", epoch, 2).missed!.map((m) => m.n)).toEqual([3, 4, 5]);
    expect(window.since("g", "another", 4)).toEqual({ epoch, last: 5, missed: null });
  });
});

describe("a socket's group cursors", () => {
  it("deliver each message once and in order, and fill a gap from the window", async () => {
    const layer = new MemoryChannelLayer({ replayWindow: 10 });
    const got: JsonObject[] = [];
    const cursors = new GroupCursors(layer, (m) => got.push(m), console);
    const seqs: Sequence[] = [];
    await layer.groupAdd("g", (_m, s) => seqs.push(s!));
    for (let n = 1; n <= 4; n++) await layer.groupSendKept("g", send(n));
    cursors.receive(send(1), seqs[0]!);
    cursors.receive(send(1), seqs[0]!); // a copy
    cursors.receive(send(4), seqs[3]!); // 2 and 3 never came
    await expect.poll(() => got.map((m) => m.n)).toEqual([1, 2, 3, 4]);
    expect(got[3]).toEqual({ n: 4, group_seq: ["g", seqs[0]!.epoch, 4] });
  });

  it("resync at the socket's own point when the window cannot be read, and fill from there once it can", async () => {
    let down = true;
    const layer = new (class extends MemoryChannelLayer {
      override groupHistory(...args: Parameters<MemoryChannelLayer["groupHistory"]>) {
        return down ? Promise.reject(new Error("Redis is down")) : super.groupHistory(...args);
      }
    })({ replayWindow: 10 });
    const got: JsonObject[] = [];
    const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined };
    const cursors = new GroupCursors(layer, (m) => got.push(m), quiet);
    const seqs: Sequence[] = [];
    await layer.groupAdd("g", (_m, s) => seqs.push(s!));
    for (let n = 1; n <= 4; n++) await layer.groupSendKept("g", send(n));
    const epoch = seqs[0]!.epoch;
    cursors.hold("g", { epoch, n: 1 });
    await cursors.catchUp("g");
    expect(got).toEqual([{ action: "resync", group: "g", group_seq: ["g", epoch, 1] }]);
    down = false;
    await layer.groupSendKept("g", send(5));
    cursors.receive(send(5), seqs[4]!);
    await expect.poll(() => got.slice(1).map((m) => m.n)).toEqual([2, 3, 4, 5]);
  });
});

describe("the resume parameter", () => {
  it("reads well-formed points and ignores everything else", () => {
    expect([...parseResume('{"room_a":["e1",3],"bad":["e",-1],"worse":5}')]).toEqual([
      ["room_a", { epoch: "e1", n: 3 }],
    ]);
    expect(parseResume("not json").size).toBe(0);
    expect(parseResume('["room_a"]').size).toBe(0);
    expect(parseResume(null).size).toBe(0);
  });
});
