// The guide's example apps (examples/guide/), served and driven over a real socket: the code the guide shows does
// what the guide says it does.

import { describe, expect, it } from "vitest";
import { announceMaintenance, buildFinished } from "../../examples/guide/jobs.ts";
import { createNotesApp } from "../../examples/guide/notes.ts";
import { createArticlesApp } from "../../examples/guide/permissions.ts";
import { forFile, serve, tempDatabaseUrl, visibleText } from "../helpers.ts";

const notes = forFile(
  async () => serve(createNotesApp({ settings: { DATABASE_URL: tempDatabaseUrl() } })),
  () => undefined,
);
const articles = forFile(
  async () => serve(createArticlesApp({ settings: { DATABASE_URL: tempDatabaseUrl() } })),
  () => undefined,
);

describe("handlers and send (notes.ts)", () => {
  it("replies to the caller with the fragment for its target, from the form's fields", async () => {
    const browser = notes.client();
    await browser.get("/notes");
    const socket = await notes.live(browser);
    const [reply] = await socket.call("greet", { form: { name: " Ada " } });
    expect(reply).toEqual({ target: "#greeting", html: "<strong>Hello, Ada!</strong>\n" });
  });

  it("appends a note, keeps it in the session for the next page, and clears them", async () => {
    const browser = notes.client();
    await browser.get("/notes");
    const socket = await notes.live(browser);
    const [added] = await socket.call("add_note", { form: { text: "Buy <milk>" } });
    expect(added).toEqual({ target: "#notes", html: "<li>Buy &lt;milk&gt;</li>\n", append: true });
    expect((await browser.get("/notes")).text).toContain("<li>Buy &lt;milk&gt;</li>");
    await socket.call("clear_notes");
    expect((await browser.get("/notes")).text).toContain('<ul id="notes"></ul>');
  });

  it("answers content that fails the schema with an error, and runs nothing", async () => {
    const browser = notes.client();
    await browser.get("/notes");
    const socket = await notes.live(browser);
    const [reply] = await socket.call("add_note", { form: { text: "   " } });
    expect(reply).toMatchObject({ function: "add_note", code: "invalid_content" });
    expect((await browser.get("/notes")).text).toContain('<ul id="notes"></ul>');
  });

  it("sends an announcement to every browser, and only from a signed-in user", async () => {
    const [reader, writer] = [notes.client(), notes.client()];
    await reader.get("/notes");
    const readerSocket = await notes.live(reader);
    const refused = await (await notes.live()).call("announce", { form: { text: "Hi" } });
    expect(refused[0]).toMatchObject({ code: "permission_denied" });
    const user = await notes.app.users.create("ann", "a long password");
    await writer.forceLogin(user);
    const heard = readerSocket.next((m) => m.target === "#announcement");
    const writerSocket = await notes.live(writer);
    await writerSocket.call("announce", { form: { text: "Lunch is served" } });
    expect(await heard).toMatchObject({
      target: "#announcement",
      html: '<p class="announcement">Lunch is served</p>\n',
    });
  });
});

describe("authentication and permissions (permissions.ts)", () => {
  it("signs in with a password over HTTP, and refuses a wrong one", async () => {
    await articles.app.users.create("ada", "correct horse battery");
    const browser = articles.client();
    await browser.get("/sign-in");
    const wrong = await browser.post("/sign-in", { username: "ada", password: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("Wrong username or password.");
    const right = await browser.post("/sign-in", { username: "ada", password: "correct horse battery" });
    expect(right.status).toBe(302);
    expect((await browser.get("/articles")).text).toContain("Sign out ada");
    expect((await browser.post("/sign-out")).status).toBe(302);
    expect((await browser.get("/articles")).text).toContain('<a href="/sign-in">Sign in</a>');
  });

  it("lets anyone read, a signed-in user save, an editor publish, and an author delete their own", async () => {
    const call = async (username: string | null, fn: string, data = {}) => {
      const browser = articles.client();
      if (username) await browser.forceLogin((await articles.app.users.getByUsername(username))!);
      await browser.get("/articles");
      const [reply] = await (await articles.live(browser)).call(fn, { data });
      return reply!.code ?? visibleText(String(reply!.html));
    };
    await articles.app.users.create("grace", "another long password");
    await articles.app.users.create("linus", "yet another password");
    expect(await call(null, "read_article")).toBe("Anyone may read.");
    expect(await call(null, "save_draft")).toBe("permission_denied");
    expect(await call("linus", "save_draft")).toBe("Draft saved for linus.");
    expect(await call("linus", "publish")).toBe("permission_denied");
    expect(await call("grace", "publish")).toBe("Published.");
    expect(await call("linus", "delete_article", { author: "linus" })).toBe("Deleted.");
    expect(await call("linus", "delete_article", { author: "grace" })).toBe("permission_denied");
    expect(await call("grace", "delete_article", { author: "linus" })).toBe("Deleted.");
  });
});

describe("sending from outside a handler (jobs.ts)", () => {
  it("reaches the sockets watching a build, and every socket for an announcement", async () => {
    const watching = await notes.live();
    const other = await notes.live();
    await watching.call("watch_build", { data: { id: "42" } });
    const passed = watching.next((m) => m.target === "#build-status");
    await buildFinished(notes.app, "42", true);
    expect(await passed).toMatchObject({ target: "#build-status", html: "<p class=ok>Build passed</p>" });
    const notices = [watching, other].map((s) => s.next((m) => m.target === "#notice"));
    const missed = other.next((m) => m.target === "#build-status");
    await announceMaintenance(notes.app, 5);
    expect(await Promise.all(notices)).toMatchObject([
      { target: "#notice", html: "<p>Maintenance in 5 minutes.</p>" },
      { target: "#notice", html: "<p>Maintenance in 5 minutes.</p>" },
    ]);
    // The notice went out after the build's news: a socket not watching the build had it first if at all.
    expect(await Promise.race([missed.then(() => "build news"), Promise.resolve("nothing")])).toBe("nothing");
  });
});
