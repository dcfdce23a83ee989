// `liveview-node/testing`: drive an app as a browser would, over real HTTP and a real socket.

export { TestClient } from "./test-client.ts";
export { LiveClient } from "./live-client.ts";
export { pageToken } from "./page-token.ts";
export { unlimitedEvents, unlimitedEventsEnv } from "./unlimited-events.ts";
