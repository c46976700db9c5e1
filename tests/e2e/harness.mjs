// Shared by the end-to-end tests: the static server for www/ (with the package at /pkg/) on a
// free loopback port, and headless Debian Chromium driven by playwright-core.
import { createServer } from "http-server";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { serveStatic } from "./static-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "www");

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--autoplay-policy=no-user-gesture-required",
];

/** Serves www/ on 127.0.0.1 at a free port; resolves to { url, close() }. */
export async function serve() {
  const server = createServer({ root, cache: -1, showDir: false, logFn: () => {} });
  await new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.server.close(() => resolve())),
  };
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * A server and a browser for one test file, both closed by `close()` even when a test failed.
 * `page(path)` opens a fresh page, fails the test on any page error or console error, and
 * waits for the element to be defined. Options: `server` ({ headers, routes }, see
 * static-server.mjs) serves www/ with per-page headers and generated responses instead of
 * http-server.
 */
export async function session({ server: serverOptions } = {}) {
  const server = serverOptions ? await serveStatic(serverOptions) : await serve();
  const browser = await launch();
  const pages = [];
  return {
    base: server.url,
    async page(path = "/", { waitForElement = true } = {}) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      const page = await context.newPage();
      page.errors = [];
      page.on("pageerror", (error) => page.errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error") page.errors.push(message.text());
      });
      await page.goto(server.url + path);
      if (waitForElement) await page.waitForFunction(() => customElements.get("shoppable-video") !== undefined);
      pages.push(page);
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}
