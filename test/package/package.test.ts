// The package as a user gets it: `npm pack`, installed into a new app written by `liveview-node new`, run with
// plain `node` (no TypeScript loader), clicked in Chromium; the README's own example likewise; and a TypeScript
// app type-checked against the package's declarations.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openPage } from "../browser/browser.ts";

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Packing builds the package; installing it builds better-sqlite3 from source: minutes on a small machine. */
const SETUP_MS = 600_000;
const STEP_MS = 120_000;

let work: string;
let appDir: string;
let browser: Browser;
const servers: ChildProcess[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "liveview-package-"));
  const packed = await run("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, maxBuffer: 1 << 24 });
  const tarball = join(work, packed.stdout.trim().split("\n").pop()!);
  await run(process.execPath, [join(ROOT, "dist/cli/main.js"), "new", "my-app", "--package", `file:${tarball}`], {
    cwd: work,
  });
  appDir = join(work, "my-app");
  const started = Date.now();
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: appDir, maxBuffer: 1 << 24 });
  console.log(
    `package test: npm install of the tarball into a new app took ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  browser = await launch();
}, SETUP_MS);

afterAll(async () => {
  for (const server of servers) if (server.exitCode === null) process.kill(-server.pid!, "SIGTERM");
  await browser?.close();
});

describe("the packed package in a new app, on plain node", () => {
  it(
    "runs the README's twenty-line counter verbatim, with DEBUG set for another tool: 3 clicks show 3, and so does a reload",
    async () => {
      const dir = join(appDir, "readme");
      for (const [file, code] of readmeExample()) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), code);
      }
      const base = await serve(process.execPath, ["server.mjs"], dir, { DEBUG: "express:*" });
      await countToThree(base + "/counter", "#counter-display");
    },
    STEP_MS,
  );

  it(
    "the new app's own npm test passes, and npm start serves a counter that counts in Chromium",
    async () => {
      const tested = await run("npm", ["test"], { cwd: appDir });
      // One test of each kind; the browser one is skipped until the app installs Playwright.
      expect(tested.stdout).toMatch(/# pass 3\n# fail 0\n# cancelled 0\n# skipped 1/);
      const base = await serve("npm", ["start"], appDir, {});
      await countToThree(base + "/", "#counter");
    },
    STEP_MS,
  );

  it(
    "type-checks a TypeScript handler against its declared content, and refuses a wrong field at compile time",
    async () => {
      const handler = (field: string) => `import { z } from "zod";
import { createApp, liveviewHandler, send } from "liveview-node";
import { TestClient } from "liveview-node/testing";

const Rename = z.object({ form: z.object({ name: z.string() }) });
liveviewHandler("rename", { schema: Rename }, async (consumer, content) => {
  await send(consumer, { target: "#name", html: content.form.${field}.toUpperCase() });
});
export const client = new TestClient(createApp(), "http://127.0.0.1:8000");
`;
      writeFileSync(join(appDir, "right.ts"), handler("name"));
      writeFileSync(join(appDir, "wrong.ts"), handler("nmae"));
      const tsconfig = {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
        },
      };
      writeFileSync(join(appDir, "tsconfig.json"), JSON.stringify(tsconfig));
      const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
      const checked: { stdout: string } = await run(process.execPath, [tsc, "-p", "."], { cwd: appDir }).catch(
        (e) => e,
      );
      // Only the wrong field is an error: the right one, the package's declarations and its subpaths all check.
      expect(checked.stdout.trim().split("\n")).toHaveLength(1);
      expect(checked.stdout).toMatch(
        /wrong\.ts\(\d+,\d+\): error TS\d+: Property 'nmae' does not exist on type '\{ name: string; \}'/,
      );
    },
    STEP_MS,
  );

  it(
    "the new command refuses a folder that is not empty, a name npm would refuse, and a wrong command line",
    async () => {
      const cli = join(appDir, "node_modules/.bin/liveview-node");
      const fail = (args: string[]) =>
        run(cli, args, { cwd: work }).then(
          () => null,
          (e) => e as { code: number; stderr: string },
        );
      expect(await fail(["new", "my-app"])).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/already exists and is not empty/),
      });
      expect(await fail(["new", "My App"])).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/cannot be a package name/),
      });
      expect(await fail(["new"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^usage:/) });
    },
    STEP_MS,
  );
});

/** The files of the README's "A counter in twenty lines": each code block follows a line naming its file. */
function readmeExample(): [string, string][] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## A counter in twenty lines"), readme.indexOf("### Or start from"));
  const files: [string, string][] = [];
  for (const block of section.matchAll(/```\w*\n([\s\S]*?)```/g)) {
    const paragraph = section.slice(0, block.index).trimEnd().split("\n\n").pop()!;
    const file = /^`([\w/.]+)`/.exec(paragraph)?.[1];
    if (file) files.push([file, block[1]!]);
  }
  expect(files.map(([f]) => f)).toEqual(["server.mjs", "templates/counter.html", "templates/counter_display.html"]);
  return files;
}

/** Starts a server on a free port and resolves with its address once it says where it serves. */
async function serve(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd,
    detached: true,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
  });
  servers.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes(`serving http://127.0.0.1:${port}/`)) resolve(`http://127.0.0.1:${port}`);
    });
    child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)));
  });
}

async function countToThree(url: string, display: string): Promise<void> {
  const context = await browser.newContext();
  const page = await openPage(context, url);
  for (let i = 1; i <= 3; i++) {
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector(`${display} strong:text-is("${i}")`);
  }
  await page.reload();
  expect(await page.textContent(`${display} strong`)).toBe("3");
  expect(page.errors).toEqual([]);
  await context.close();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
