// The demo's named routes in a real router, for tests that render its templates without starting the app.

import { DEMO_ROUTES } from "../../examples/demo/app.ts";
import { Router } from "../../src/server/router.ts";
import { templates } from "../../src/index.ts";

export function useDemoRoutes(): void {
  const router = new Router();
  for (const [name, path] of Object.entries(DEMO_ROUTES)) router.add("GET", path, () => "", { name });
  templates.setUrlResolver((name, args, kwargs) => router.reverse(name, args, kwargs));
}
