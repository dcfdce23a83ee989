// `render(app, "/counter")`: opens a page of a running app in happy-dom with the browser client running in it, and
// returns it ready (connected, idle). The result can be awaited as it is or chained:
// `await render(app, "/").click("#add").assertSee("1")`.

import type { AddressInfo } from "node:net";
import type { App } from "../server/app.ts";
import { loadDom } from "./dom.ts";
import { LivePage } from "./live-page.ts";
import { PageChain } from "./page-chain.ts";

export interface RenderOptions {
  /** The app behind a URL (a proxy's, another process's): what `page.session()` reads. */
  app?: App;
}

/** Where each app the kit started listening is served, so every page of it goes to the same server. */
const listening = new WeakMap<App, Promise<string>>();
const open = new Set<LivePage>();

/**
 * Opens `path` of `target`: an app (listened on a free port of 127.0.0.1 if the kit has not yet) or the base URL
 * of a running server or of a fault proxy in front of one.
 */
export function render(target: App | string, path = "/", options: RenderOptions = {}): PageChain {
  return new PageChain(openPage(target, path, options));
}

/** Closes every page `render` opened (an `afterEach` hook's job). Apps stay up: closing them is their owner's. */
export async function cleanup(): Promise<void> {
  const pages = [...open];
  open.clear();
  await Promise.all(pages.map((page) => page.close()));
}

async function openPage(target: App | string, path: string, options: RenderOptions): Promise<LivePage> {
  const { Browser } = await loadDom();
  const app = typeof target === "string" ? options.app : target;
  const base = typeof target === "string" ? target.replace(/\/$/, "") : await baseUrlOf(target);
  // The page is made from the browser's page, and the browser's settings call back into the page: one holder.
  const made: { page?: LivePage } = {};
  const browser = new Browser({
    settings: {
      // The page's own scripts are the app's, under test: trusted code, which is what this switch is for.
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      // Stylesheets and images change nothing a test reads here.
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { beforeContentCallback: (window) => made.page?.prepare(window) },
    },
  });
  const browserPage = browser.newPage();
  const page = (made.page = new LivePage(browserPage, base + path, app));
  open.add(page);
  const closePage = page.close.bind(page);
  page.close = async () => {
    open.delete(page);
    await closePage();
    await browser.close();
  };
  const response = await browserPage.goto(page.url);
  if (response && !response.ok) throw new Error(`GET ${page.url} answered ${response.status}`);
  await page.idle();
  return page;
}

function baseUrlOf(app: App): Promise<string> {
  let url = listening.get(app);
  if (!url) {
    url = app.listen(0, "127.0.0.1").then((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    listening.set(app, url);
  }
  return url;
}
