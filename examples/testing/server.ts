// The guide's app as a process: PORT, HOST and DATABASE_URL come from the environment.

import { makeApp } from "./app.ts";

await makeApp().listen();
