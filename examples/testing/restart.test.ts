import { afterEach, it } from "vitest";
import { cleanup, render, startAppProcess } from "liveview-node/testing";

afterEach(cleanup);

it("loses no click when the server is killed and started again", async () => {
  const server = await startAppProcess("examples/testing/server.ts", {
    execArgv: ["--conditions=source", "--import", "tsx"], // a TypeScript entry; a .js one needs none
  });
  const page = await render(server.url, "/");
  await page.click("#add");

  await server.kill(); // SIGKILL: nothing gets to finish
  await page.click("#add", { idle: false }); // waits in the page's outbox
  const again = await server.restart(); // same port, same database

  await page.advance(5_000); // skips the client's reconnect backoff instead of waiting it out
  page.assertSee("Count: 2");
  await again.stop();
});
