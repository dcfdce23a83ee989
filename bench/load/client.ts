// The load client process: runs the jobs the benchmark sends it over IPC, one at a time.

import type { FromChild, ToChild } from "../ipc.ts";
import { runClosedLoop } from "./closed-loop.ts";
import { runHttpLoop } from "./http-loop.ts";
import { closeIdle, openIdle } from "./idle.ts";

const reply = (message: FromChild) => process.send!(message);

async function handle(message: ToChild): Promise<void> {
  const { id } = message;
  try {
    if (message.type === "run") {
      const result = await runClosedLoop(message.job, (phase) => reply({ type: "window", id, phase }));
      reply({ type: "result", id, result });
    } else if (message.type === "http") {
      const result = await runHttpLoop(message.job, (phase) => reply({ type: "window", id, phase }));
      reply({ type: "httpResult", id, result });
    } else if (message.type === "open") {
      reply({ type: "opened", id, count: await openIdle(message.job) });
    } else if (message.type === "close") {
      await closeIdle();
      reply({ type: "closed", id });
    } else if (message.type === "stop") {
      await closeIdle();
      reply({ type: "stopped", id });
      process.disconnect();
    }
  } catch (error) {
    reply({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  }
}

if (!process.send) throw new Error("the load client is a child of the benchmark: run `npm run bench`");
process.on("message", (message: ToChild) => void handle(message));
process.on("disconnect", () => process.exit(0));
reply({ type: "ready", port: 0 });
