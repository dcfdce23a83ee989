// render(): the demo's pages in happy-dom with the real client, replies applied as a browser applies them.

import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "../../src/testing/index.ts";
import { demoForFile } from "../demo/demo.ts";

const demo = demoForFile();
afterEach(cleanup);

describe("render", () => {
  it("a click runs the handler and the page shows its reply, and the session holds the count", async () => {
    const page = await render(demo.app, "/counter/");
    expect(page.text("#counter-display")).toBe("Counter: 0");
    await page.click("[data-liveview-function=increment_counter]");
    await page.click("[data-liveview-function=increment_counter]");
    expect(page.text("#counter-display")).toBe("Counter: 2");
    page.assertSentTo("#counter-display", "Counter: 2");
    expect(await page.session()).toMatchObject({ counter: 2 });
  });

  it("chains like the page reads", async () => {
    await render(demo.app, "/counter/")
      .call("increment_counter")
      .assertSee("Counter: 1", "#counter-display")
      .assertSession("counter", 1);
  });
});
