// The server of a reconnect storm, as a child process: our demo app, ready before it listens (so that a restart's
// pause is the pause, not our start-up), listening when told, noting when each WebSocket upgrade reaches it. It is
// stopped with SIGKILL: every socket and the listener go at the same instant, whatever the machine's load.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createDemoApp } from "../../examples/demo/app.ts";
import type { FromStormServer, ToStormServer } from "./storm-messages.ts";

const databaseUrl = process.env.STORM_DATABASE_URL;
if (!databaseUrl || !process.send) throw new Error("this script is started by bench/reconnect/server-process.ts");

const app = await createDemoApp({ settings: { DATABASE_URL: databaseUrl } });
const server = createServer(app.handler);
app.attach(server);
const upgrades: number[] = [];
server.on("upgrade", () => upgrades.push(Date.now()));

const reply = (message: FromStormServer) => process.send!(message);
process.on("message", (message: ToStormServer) => {
  if (message.type === "listen") {
    server.once("error", (error) => reply({ type: "error", message: error.message }));
    server.listen(message.port, "127.0.0.1", () => reply({ type: "listening", port: (server.address() as AddressInfo).port, at: Date.now() }));
  }
  if (message.type === "upgrades") reply({ type: "upgrades", times: upgrades });
});
process.on("disconnect", () => process.exit(0));
reply({ type: "ready" });
