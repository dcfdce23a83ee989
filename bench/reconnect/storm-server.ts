// The server of a reconnect storm, as a child process: the benchmark's counter app, ready before it listens (so
// that a restart's pause is the pause, not our start-up), listening when told, noting when each WebSocket upgrade
// reaches it. It is stopped with SIGKILL: every socket and the listener go at the same instant, whatever the load.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createCounterApp } from "../servers/counter-app.ts";
import type { FromChild, ToChild } from "../ipc.ts";

const databaseUrl = process.env.STORM_DATABASE_URL;
if (!databaseUrl || !process.send) throw new Error("this script is started by bench/reconnect/storm.ts");

const app = createCounterApp({ settings: { DATABASE_URL: databaseUrl } });
const server = createServer(app.handler);
app.attach(server);
const upgrades: number[] = [];
server.on("upgrade", () => upgrades.push(Date.now()));

const reply = (message: FromChild) => process.send!(message);
process.on("message", (message: ToChild) => {
  const { id } = message;
  if (message.type === "listen") {
    server.once("error", (error) => reply({ type: "error", id, message: error.message }));
    server.listen(message.port, "127.0.0.1", () =>
      reply({ type: "listening", id, port: (server.address() as AddressInfo).port, at: Date.now() }),
    );
  }
  if (message.type === "upgrades") reply({ type: "upgrades", id, times: upgrades });
  if (message.type === "stop") process.exit(0);
});
process.on("disconnect", () => process.exit(0));
// Ready, not yet listening: the port comes with the "listen" request.
reply({ type: "ready", port: 0 });
