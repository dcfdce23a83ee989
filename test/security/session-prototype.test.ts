// Keys named like Object's members (`__proto__`, `constructor`, `prototype`, `hasOwnProperty`) are data wherever
// they come from: a handler's session.set, a socket message, a form or JSON body, the store. Nothing a client
// sends can change a prototype, and a value stored under such a key comes back as that value.

import { afterEach, describe, expect, it } from "vitest";
import { json, Registry, send } from "../../src/index.ts";
import { type TestClient } from "../../src/testing/index.ts";
import type { JsonObject } from "../../src/json.ts";
import { seedForFile } from "../helpers.ts";

const NAMES = ["__proto__", "constructor", "prototype", "hasOwnProperty"];
const HOSTILE_JSON =
  '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "prototype": {"polluted": 1}}';

/** What a handler or view can tell about an object it was given. */
function inspect(value: Record<string, unknown>) {
  return {
    own: Object.keys(value).sort(),
    plainPrototype: Object.getPrototypeOf(value) === Object.prototype,
    inherited: (value as { polluted?: unknown }).polluted ?? null,
    proto: Object.hasOwn(value, "__proto__") ? (value["__proto__"] as never) : null,
    everywhere: ({} as { polluted?: unknown }).polluted ?? null,
  };
}

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("inspect_content", (consumer, content) => {
  consumer.scope.session.set("payload", content.data as never);
  return send(consumer, { data: inspect(content.data), form: inspect(content.form) } as never);
});
/** Not the framework's own keys (`_csrftoken`, `_auth_user_id`, ...); `__proto__` is the application's. */
const isApplicationKey = (key: string) => !/^_[a-z]/.test(key);

handlers.handler("set_named_keys", (consumer, content) => {
  for (const name of content.data.names as string[]) consumer.scope.session.set(name, { stored_under: name });
});
handlers.handler("read_named_keys", (consumer, content) => {
  const session = consumer.scope.session;
  const values = Object.fromEntries((content.data.names as string[]).map((name) => [name, session.get(name, null)]));
  return send(consumer, {
    values,
    has_polluted: session.has("polluted"),
    keys: session.keys().filter(isApplicationKey).sort(),
  } as never);
});

const seed = seedForFile({ registry: handlers }, ({ app }) => {
  app.post("/inspect-body", (request) => {
    request.session.set("payload", request.body as never);
    return json(inspect(request.body));
  });
  app.get("/session-items", (request) => json(Object.fromEntries(request.session.items())));
});

afterEach(() => {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
});

async function storedItems(browser: TestClient): Promise<Record<string, unknown>> {
  return JSON.parse((await browser.get("/session-items")).text);
}

const EXPECTED_DATA = {
  own: ["__proto__", "constructor", "prototype"],
  plainPrototype: true,
  inherited: null,
  proto: { polluted: 1 },
  everywhere: null,
};

describe("a socket message", () => {
  it("keeps __proto__ and friends as data at every depth, and the session stores them as data", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    const start = socket.received.length;
    socket.sendRaw(
      `{"function": "inspect_content", "id": 1, "data": ${HOSTILE_JSON}, "form": {"nested": ${HOSTILE_JSON}, "__proto__": {"polluted": 1}}}`,
    );
    await socket.next((m) => m.ack === 1);
    expect(socket.received.slice(start, -1)).toEqual([
      { data: EXPECTED_DATA, form: { ...EXPECTED_DATA, own: ["__proto__", "nested"] } },
    ]);

    const payload = (await storedItems(browser)).payload as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(["__proto__", "constructor", "prototype"]);
    expect(payload["__proto__"]).toEqual({ polluted: 1 });
  });
});

describe("session.set", () => {
  it("stores a value under each name, and later loads (over HTTP and the socket) give it back as data", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    await socket.call("set_named_keys", { data: { names: NAMES } });
    const expected = Object.fromEntries(NAMES.map((name) => [name, { stored_under: name }]));

    const items = await storedItems(browser); // a fresh load from the store, over HTTP
    for (const name of NAMES) expect(Object.hasOwn(items, name) && items[name], name).toEqual({ stored_under: name });

    const again = await seed.live(browser); // and on another socket
    const [reply] = await again.call("read_named_keys", { data: { names: [...NAMES, "toString", "valueOf"] } });
    expect(reply).toEqual({
      values: { ...expected, toString: null, valueOf: null },
      has_polluted: false,
      keys: [...NAMES].sort(),
    });
  });
});

describe("HTTP bodies", () => {
  it("a urlencoded body keeps every field as an own string field", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const token = await browser.socketToken();
    const body =
      "__proto__=x&constructor=y&prototype=z&hasOwnProperty=w&__proto__%5Bpolluted%5D=1&csrfmiddlewaretoken=" + token;
    const res = await browser.request("POST", "/inspect-body", body, {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(JSON.parse(res.text)).toEqual({
      own: ["__proto__", "__proto__[polluted]", "constructor", "csrfmiddlewaretoken", "hasOwnProperty", "prototype"],
      plainPrototype: true,
      inherited: null,
      proto: "x",
      everywhere: null,
    });
    expect(((await storedItems(browser)).payload as Record<string, unknown>)["__proto__"]).toBe("x");
  });

  it("a JSON body keeps __proto__ and friends as data, in the view and in the session", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const token = await browser.socketToken();
    const res = await browser.request("POST", "/inspect-body", HOSTILE_JSON, {
      "Content-Type": "application/json",
      "X-CSRFToken": token,
    });
    expect(JSON.parse(res.text)).toEqual(EXPECTED_DATA);
    const payload = (await storedItems(browser)).payload as JsonObject;
    expect(Object.hasOwn(payload, "__proto__") && payload["__proto__"]).toEqual({ polluted: 1 });
  });
});
