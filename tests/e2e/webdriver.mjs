// A small W3C WebDriver client (HTTP through fetch) for the engines Playwright cannot drive here:
// Firefox ESR through geckodriver and WebKitGTK through WebKitWebDriver. Playwright's Firefox and
// WebKit are patched builds of their own; these are the real browsers a user installs.
//
// `openBrowser(engine)` starts the driver on a free loopback port, opens one session and answers
// with a page object shaped like the part of Playwright's Page the shared helpers use
// (`evaluate(fn, arg)`, `waitForFunction(fn, arg, { timeout })`, `mouse.click(x, y)`), so
// element-helpers.mjs works on it unchanged.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Where each engine's driver and browser are, overridable from the environment (see the Makefile). */
export const ENGINES = {
  firefox: {
    name: "Firefox ESR",
    driver: () => process.env.GECKODRIVER || "geckodriver",
    capabilities: () => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: process.env.FIREFOX || "/usr/bin/firefox-esr",
        args: ["-headless"],
        // Let a script start muted playback, as Chromium's --autoplay-policy flag does.
        prefs: { "media.autoplay.default": 0, "media.autoplay.blocking_policy": 0 },
      },
    }),
    // Firefox has a headless mode of its own.
    needsDisplay: false,
  },
  webkit: {
    name: "WebKitGTK",
    driver: () => process.env.WEBKITWEBDRIVER || "WebKitWebDriver",
    // WebKitWebDriver starts its MiniBrowser in automation mode when no binary is named.
    capabilities: () => ({}),
    // MiniBrowser has no headless mode: it needs an X display (Xvfb when there is none).
    needsDisplay: true,
  },
};

/** Screen of the virtual display: xvfb-run's default (640x480, 8 bits) is too small and too poor. */
export const XVFB_SCREEN = "-screen 0 1280x1024x24";

const COMMAND_TIMEOUT = 60_000;

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A WebDriver error answer, with the driver's own error code and message. */
export class WebDriverError extends Error {
  constructor(command, status, value) {
    super(`${command}: ${value?.error ?? status}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

/** Starts `engine`'s driver; resolves to { url, stop() } once it answers /status as ready. */
async function startDriver(engine) {
  const port = await freePort();
  const driverArgs = [`--port=${port}`];
  let command = engine.driver();
  let args = driverArgs;
  if (engine.needsDisplay && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    args = ["-a", "-s", XVFB_SCREEN, command, ...driverArgs];
    command = "xvfb-run";
  }
  // Its own process group, so stop() ends the driver with what it started (xvfb-run's Xvfb).
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // A test process that ends early (a timeout, Ctrl-C) leaves no driver or browser behind.
  const kill = () => { try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ } };
  const killAndExit = (signal) => { kill(); process.exit(128 + (signal === "SIGINT" ? 2 : 15)); };
  process.once("exit", kill);
  process.once("SIGINT", killAndExit);
  process.once("SIGTERM", killAndExit);
  exited.then(() => {
    process.off("exit", kill);
    process.off("SIGINT", killAndExit);
    process.off("SIGTERM", killAndExit);
  });
  const spawnError = new Promise((resolve) => child.once("error", resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const failed = await Promise.race([spawnError, exited.then((code) => `exited with ${code}`), sleep(200).then(() => null)]);
    if (failed) throw new Error(`${command} could not start (${failed}): ${stderr}`);
    try {
      const status = await (await fetch(`${url}/status`)).json();
      if (status.value?.ready !== false) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`${command} did not answer on port ${port} within 30 s: ${stderr}`);
    }
  }
  function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    kill();
    return Promise.race([exited, sleep(5_000)]);
  }
  return { url, stop, stderr: () => stderr };
}

/**
 * Starts the driver of `engine` ("firefox" or "webkit") and opens a browser session; resolves to
 * { page, browserName, browserVersion, close() }.
 */
export async function openBrowser(engineName) {
  const engine = ENGINES[engineName];
  if (!engine) throw new Error(`unknown engine ${engineName}`);
  const driver = await startDriver(engine);
  const call = async (method, path, body) => {
    const response = await fetch(driver.url + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(COMMAND_TIMEOUT),
    });
    const text = await response.text();
    let json;
    try { json = JSON.parse(text); } catch { json = { value: { error: "unreadable answer", message: text } }; }
    if (!response.ok) throw new WebDriverError(`${method} ${path}`, response.status, json.value);
    return json.value;
  };
  let session;
  try {
    session = await call("POST", "/session", { capabilities: { alwaysMatch: engine.capabilities() } });
  } catch (error) {
    await driver.stop();
    throw error;
  }
  const base = `/session/${session.sessionId}`;
  await call("POST", `${base}/timeouts`, { script: COMMAND_TIMEOUT - 5_000, pageLoad: 30_000 });
  const page = new WebDriverPage(call, base);
  return {
    page,
    browserName: session.capabilities?.browserName,
    browserVersion: session.capabilities?.browserVersion,
    async close() {
      await call("DELETE", base).catch(() => {});
      await driver.stop();
    },
  };
}

/** The Playwright-like page over one WebDriver session. */
class WebDriverPage {
  constructor(call, base) {
    this.call = call;
    this.base = base;
    this.mouse = { click: (x, y) => this.click(x, y) };
  }

  async goto(url) {
    await this.call("POST", `${this.base}/url`, { url });
  }

  /** Sets the outer window size (the viewport is what is left inside the browser's chrome). */
  async setWindowSize(width, height) {
    await this.call("POST", `${this.base}/window/rect`, { width, height });
  }

  /**
   * Runs `fn(arg)` in the page and resolves to its (awaited) result, which must be JSON. A throw
   * or a rejection in the page rejects here with the page's message.
   */
  async evaluate(fn, arg = null) {
    const script = `const [arg, done] = arguments;
      Promise.resolve().then(() => (${fn})(arg === null ? undefined : arg)).then(
        (value) => done({ ok: true, value: value === undefined ? null : value }),
        (error) => done({ ok: false, message: String(error && error.stack || error) }));`;
    const answer = await this.call("POST", `${this.base}/execute/async`, { script, args: [arg] });
    if (!answer?.ok) throw new Error(`in the page: ${answer?.message}`);
    return answer.value;
  }

  /** Polls `fn(arg)` every 50 ms until it is truthy; resolves to that value. */
  async waitForFunction(fn, arg = null, { timeout = 10_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
      await sleep(50);
    }
  }

  /** A real primary-button click at viewport CSS pixel (x, y), through the input actions. */
  async click(x, y) {
    const at = { type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(x), y: Math.round(y) };
    await this.call("POST", `${this.base}/actions`, {
      actions: [{
        type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
        actions: [at, { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }],
      }],
    });
    await this.call("DELETE", `${this.base}/actions`).catch(() => {});
  }
}
