// One page's instance of the browser client's socket module (client/src/socket.ts is a module singleton: one
// socket per page). Under plain Node a query string makes each import a fresh instance of the real code.

import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SocketModule } from "./client-sockets.ts";

const SOCKET_MODULE = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "../../client/src/socket.ts")).href;

export function loadClientPage(page: number): Promise<SocketModule> {
  return import(`${SOCKET_MODULE}?page=${page}`) as Promise<SocketModule>;
}
