// Loads happy-dom, the browser the test kit runs pages in, only when a test renders one: it is an optional peer of
// the package, so an app's production install never carries a browser; a missing one is a clear error.

import { LiveViewError } from "../errors.ts";

export type HappyDom = typeof import("happy-dom");

let loaded: Promise<HappyDom> | undefined;

export function loadDom(): Promise<HappyDom> {
  loaded ??= import("happy-dom").catch((error: NodeJS.ErrnoException) => {
    loaded = undefined;
    if (error.code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new LiveViewError(
      "missing_package",
      "render() runs the page in happy-dom, which is not installed: npm install --save-dev happy-dom",
    );
  });
  return loaded;
}
