// The built-in `navigate` handler: renders the destination page in process, with this socket's session and user.

import type { Consumer } from "../connection/consumer.ts";
import type { Content } from "./content.ts";
import { ACTION_REDIRECT, NAVIGATE_FUNCTION, NAVIGATE_TARGET } from "../../protocol.ts";
import { send } from "./send.ts";

export async function navigate(consumer: Consumer, content: Content): Promise<void> {
  const url = String(content.data.data_url ?? content.data.url ?? "/");
  if (!url.startsWith("/") || url.startsWith("//")) {
    await send(consumer, {
      error: `Handler error: navigate only follows paths on this site, not ${url}`,
      function: NAVIGATE_FUNCTION,
      code: "invalid_content",
    });
    return;
  }
  const page = await consumer.runtime.renderPage(consumer, url);
  if ("redirect" in page) {
    await send(consumer, { action: ACTION_REDIRECT, url: page.redirect });
    return;
  }
  await send(consumer, {
    target: NAVIGATE_TARGET,
    html: page.html,
    url: page.url,
    ...(page.title !== null ? { title: page.title } : {}),
    scrollTop: true,
  });
}
