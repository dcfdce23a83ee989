// The counter page's "who else is here": each socket on the page tracks itself in the topic `counter`; every join
// and leave, from any process, renders the list again for each of the page's sockets.

import { liveviewHandler, listPresence, renderToString, send, track, type Consumer } from "liveview-node";

const TOPIC = "counter";
/** Characters of a socket's id that name a guest ("Guest 3f2a"). */
const GUEST_ID_CHARS = 4;

async function sendWhoElse(consumer: Consumer): Promise<void> {
  const entries = await listPresence(consumer, TOPIC);
  const others = Object.entries(entries)
    .filter(([key]) => key !== consumer.id)
    .map(([, meta]) => String(meta.name));
  await send(consumer, {
    target: "#presence-list",
    html: await renderToString("presence_list.html", { others: [...new Set(others)].sort() }),
  });
}

// Called by the page on every socket it opens (data-liveview-connect), so a reconnect is tracked again.
liveviewHandler("join_counter_presence", async (consumer) => {
  const { user } = consumer.scope;
  const name = user.isAuthenticated ? user.username : `Guest ${consumer.id.slice(0, GUEST_ID_CHARS)}`;
  await track(consumer, TOPIC, { name }, () => sendWhoElse(consumer));
});
