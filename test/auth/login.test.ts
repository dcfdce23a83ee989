// Signing in and out through the fixture app's pages: the key changes on login, the session empties on logout.

import { describe, expect, it } from "vitest";
import { seedForFile, SEED_USER } from "../helpers.ts";

const seed = seedForFile();

describe("login", () => {
  it("with the right password signs in under a new session key, keeping the session's data", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    await (await seed.live(browser)).call("increment_counter");
    const before = browser.sessionKey!;
    const res = await browser.post("/login", { username: SEED_USER.username, password: SEED_USER.password });
    expect(res.status).toBe(302);
    expect(browser.sessionKey).not.toBe(before);
    expect(await seed.app.sessions.load(before)).toBeNull();
    const page = (await browser.get("/counter")).text;
    expect(page).toContain(`Signed in as <strong id="username">${SEED_USER.username}</strong>`);
    expect(page).toContain("Counter: <strong>1</strong>");
  });

  it("with a wrong password says so and signs nobody in", async () => {
    const browser = seed.client();
    await browser.get("/login");
    const res = await browser.post("/login", { username: SEED_USER.username, password: "wrong" });
    expect(res.status).toBe(401);
    expect(res.text).toContain("Wrong username or password.");
    expect((await browser.get("/")).text).toContain("Not signed in");
  });

  it("without the CSRF token is refused", async () => {
    const browser = seed.client();
    await browser.get("/login");
    const res = await browser.post(
      "/login",
      { username: SEED_USER.username, password: SEED_USER.password },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect((await browser.get("/")).text).toContain("Not signed in");
  });

  it("forceLogin signs a test client in, and the socket's handlers see the user", async () => {
    const browser = seed.client();
    const user = (await seed.app.users.getByUsername(SEED_USER.username))!;
    await browser.forceLogin(user);
    expect((await browser.get("/")).text).toContain("Welcome back, demo.");
    const socket = await seed.live(browser);
    const [reply] = await socket.call("navigate", { data: { dataUrl: "/" } });
    expect(String(reply!.html)).toContain("Welcome back, demo.");
  });
});

describe("logout", () => {
  it("empties the session, and the old key no longer loads", async () => {
    const browser = seed.client();
    await browser.forceLogin((await seed.app.users.getByUsername(SEED_USER.username))!);
    await browser.get("/counter");
    await (await seed.live(browser)).call("increment_counter");
    const key = browser.sessionKey!;
    expect((await browser.post("/logout")).status).toBe(302);
    expect(await seed.app.sessions.load(key)).toBeNull();
    const page = (await browser.get("/counter")).text;
    expect(page).toContain("Not signed in");
    expect(page).toContain("Counter: <strong>0</strong>");
  });
});
