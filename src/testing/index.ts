// `liveview-node/testing`: drive an app as a browser would, over real HTTP and a real socket; render its pages in a
// DOM with the real client; put faults between client and server; run it as a process to kill.

export { TestClient } from "./test-client.ts";
export { LiveClient, callReplies } from "./live-client.ts";
export { pageToken } from "./page-token.ts";
export { unlimitedEvents, unlimitedEventsEnv } from "./unlimited-events.ts";
export { render, cleanup, type RenderOptions } from "./render.ts";
export { LivePage, type CallContent } from "./live-page.ts";
export { PageChain } from "./page-chain.ts";
export { FaultProxy, type Faults, type ProxyStats } from "./fault-proxy.ts";
export { startAppProcess, freePort, type AppProcess, type AppProcessOptions } from "./app-process.ts";
export { startTestApp, appFixture, type TestApp } from "./test-app.ts";
export { waitForIdle, dropConnection, setLatency, type BrowserPageLike } from "./playwright.ts";
