import { afterAll, afterEach, expect, it } from "vitest";
import { cleanup, render } from "liveview-node/testing";
import { addAmount, increment, makeApp } from "./app.ts";

const app = makeApp({ DATABASE_URL: "sqlite::memory:" });
afterEach(cleanup);
afterAll(() => app.close());

it("counts a click", async () => {
  await render(app, "/").call(increment).assertSee("Count: 1");
});

it("clicks like a user, and reads the page, the replies and the session", async () => {
  const page = await render(app, "/");
  await page.click("#add");
  await page.click("#add");
  expect(page.text("#count")).toBe("Count: 2");
  page.assertSentTo("#count", "Count: 2");
  expect(await page.session()).toMatchObject({ count: 2 });
});

it("calls a typed handler and sees its action", async () => {
  await render(app, "/")
    .call(addAmount, { data: { amount: 5 } })
    .assertSee("Count: 5")
    .assertAction("added", { amount: 5 })
    .assertSession("count", 5);
});
