// Counts this process's open descriptors, and those of its TCP connections on one local port (Linux /proc).

import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** TCP state of a listening socket in /proc/net/tcp: it is the server itself, not a connection. */
const TCP_LISTEN = "0A";

/** Every descriptor the process holds: files, sockets, pipes, timers' event fds. */
export function openDescriptors(): number {
  return readdirSync("/proc/self/fd").length;
}

/** Descriptors of connections whose local end is `port`: the server's side of every connection to it. */
export function connectionDescriptors(port: number): number {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue; // no IPv6 on this machine
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1]!.split(":")[1]!, 16);
      if (localPort === port && fields[3] !== TCP_LISTEN) inodes.add(fields[9]!);
    }
  }
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match && inodes.has(match[1]!)) count++;
    } catch {
      // closed between the listing and the read
    }
  }
  return count;
}
