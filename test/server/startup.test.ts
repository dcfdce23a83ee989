// Start-up that tells you things: an app whose browser client was never built refuses to serve, saying why,
// rather than serving pages whose buttons do nothing.

import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { App, Registry } from "../../src/index.ts";
import { tempDatabaseUrl } from "../helpers.ts";

class UnbuiltApp extends App {
  override readonly clientDirectory = "/nonexistent/dist/client";
}

describe("an app without its client bundle", () => {
  it("refuses to listen or attach, naming the missing file and the command that builds it", async () => {
    const app = new UnbuiltApp({ registry: new Registry(), settings: { DATABASE_URL: tempDatabaseUrl() } });
    const message =
      /the browser client is missing \(\/nonexistent\/dist\/client\/liveview\.js\); build it with `npm run build`/;
    await expect(app.listen(0, "127.0.0.1")).rejects.toThrow(message);
    expect(() => app.attach(createServer())).toThrow(message);
    await app.close();
  });
});
