// The guide's example for sending from outside a handler: a job (a timer, a queue consumer, a webhook) tells the
// browsers watching a build how it went, and every browser of the app about maintenance.

import { liveviewHandler, type App } from "liveview-node";

/** The group of the sockets watching one build. */
export const buildGroup = (id: string) => `build_${id.replace(/[^A-Za-z0-9_-]/g, "")}`;

// A page showing build 42 calls `watch_build` with data-id="42" (data-liveview-init does it when the page loads).
liveviewHandler("watch_build", async (consumer, content) => {
  await consumer.groupAdd(buildGroup(String(content.data.id)));
});

export async function buildFinished(app: App, id: string, passed: boolean): Promise<void> {
  const html = passed ? "<p class=ok>Build passed</p>" : "<p class=failed>Build failed</p>";
  await app.sendToGroup(buildGroup(id), { target: "#build-status", html });
}

export async function announceMaintenance(app: App, minutes: number): Promise<void> {
  await app.broadcast({ target: "#notice", html: `<p>Maintenance in ${minutes} minutes.</p>` });
}
