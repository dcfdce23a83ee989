// The built-in `navigate` handler: renders the destination page in process, with this socket's session and user.

import type { Consumer } from "./consumer.ts";
import type { Content } from "./content.ts";
import { send } from "./send.ts";

/** The element whose content SPA navigation replaces: a page's one <main>. */
export const NAVIGATE_TARGET = "main";

export async function navigate(consumer: Consumer, content: Content): Promise<void> {
  const url = String(content.data.data_url ?? content.data.url ?? "/");
  if (!url.startsWith("/") || url.startsWith("//")) {
    await send(consumer, { error: `Handler error: navigate only follows paths on this site, not ${url}`, function: "navigate" });
    return;
  }
  const page = await consumer.runtime.renderPage(consumer, url);
  if ("redirect" in page) {
    await send(consumer, { action: "redirect", url: page.redirect });
    return;
  }
  await send(consumer, { target: NAVIGATE_TARGET, html: page.html, url: page.url, ...(page.title !== null ? { title: page.title } : {}), scrollTop: true });
}
