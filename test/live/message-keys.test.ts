// Keys arrive in snake_case, as django-liveview's server hands them to handlers, however the client wrote them:
// camelCase, through a JSON escape, or past ASCII; a frame with nothing to convert reaches the handler as it was.

import { describe, expect, it } from "vitest";
import { Registry, send } from "../../src/index.ts";
import type { LiveClient } from "../../src/testing/index.ts";
import { seedForFile } from "../helpers.ts";

const handlers = new Registry().handler("show_content", async (consumer, content) => {
  await send(consumer, {
    data: JSON.stringify(content.data),
    own_proto: Object.hasOwn(content.data, "__proto__"),
    inherited: JSON.stringify((content.data as { polluted?: unknown }).polluted ?? null),
  });
});
const seed = seedForFile({ registry: handlers });

async function seen(socket: LiveClient, frame: string) {
  const reply = socket.next();
  socket.sendRaw(frame);
  const message = await reply;
  return {
    data: JSON.parse(String(message.data)),
    own_proto: message.own_proto,
    inherited: JSON.parse(String(message.inherited)),
  };
}

describe("the keys of a message, as its handler sees them", () => {
  it("camelCase keys, nested too, become snake_case", async () => {
    const socket = await seed.live();
    const frame = JSON.stringify({
      function: "show_content",
      data: { dataUrl: "/x", outerKey: { innerKey: [{ deepKey: 1 }] } },
    });
    expect((await seen(socket, frame)).data).toEqual({ data_url: "/x", outer_key: { inner_key: [{ deep_key: 1 }] } });
  });

  it("a capital written as a JSON escape is converted as well", async () => {
    const socket = await seed.live();
    expect((await seen(socket, '{"function":"show_content","data":{"form\\u0049d":"f1"}}')).data).toEqual({
      form_id: "f1",
    });
  });

  it("a key past ASCII is lowercased as django-liveview does", async () => {
    const socket = await seed.live();
    expect((await seen(socket, '{"function":"show_content","data":{"Ärger":1}}')).data).toEqual({ ärger: 1 });
  });

  it("a frame with nothing to convert arrives as sent, `__proto__` an ordinary key", async () => {
    const socket = await seed.live();
    const result = await seen(
      socket,
      '{"function":"show_content","data":{"already_snake":"x","list":[1,{"a":null}],"__proto__":{"polluted":1}}}',
    );
    expect(result.data).toEqual({ already_snake: "x", list: [1, { a: null }], ["__proto__"]: { polluted: 1 } });
    expect(result.own_proto).toBe(true);
    expect(result.inherited).toBeNull();
  });
});
