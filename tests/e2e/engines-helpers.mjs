// The end-to-end smoke every engine runs (engines-firefox.test.mjs, engines-webkit.test.mjs), in
// the real browser through WebDriver (webdriver.mjs): the demo page loads and plays; on the test
// player, with the frame loop on `requestVideoFrameCallback` and again with it deleted (the
// `requestAnimationFrame` fallback), the video plays and a hotspot appears at its start, a paused
// seek shows the timeline's hotspots, each button's centre lies on its point of the picture, a
// click opens the card, and Buy now emits `shoppable-intent` with the contract's detail. Hotspots
// also lie on their points under object-fit cover and while keyframed; an H.264 MP4 plays as well
// as the VP9 WebM; prices show where navigator.language is no BCP 47 tag. What the engine
// supports is printed for the README's table.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "./harness.mjs";
import { openBrowser, ENGINES } from "./webdriver.mjs";
import { mount, seek, hotspots, expectedPoints, activeAt, positionAt, eventsOf, readJson } from "./element-helpers.mjs";

const shop = readJson("test/shop.timeline.json");
const geometry = readJson("test/geometry.timeline.json");
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Letterboxed (object-fit: contain in a box taller than 16:9), so the picture does not start at
// the element's corner and a mapping that ignored object-fit would miss.
const CSS = "#player { display: block; width: 640px; height: 420px; }";
const PLAYER = { muted: true, playsinline: true, preload: "auto", controls: true, timeline: "/test/shop.timeline.json", locale: "en-US" };
// Button centres are rounded to layout pixels by some engines.
const PIXELS = 1.5;
const FRAME_LOOPS = [
  { name: "requestVideoFrameCallback", deleteVideoFrames: false },
  { name: "the requestAnimationFrame fallback (requestVideoFrameCallback deleted)", deleteVideoFrames: true },
];

/** Registers the smoke tests of `engine` ("firefox" or "webkit") in the calling test file. */
export function engineSmoke(engine) {
  const label = ENGINES[engine].name;
  let server;
  let browser;
  let page;

  before(async () => {
    server = await serve();
    browser = await openBrowser(engine);
    page = browser.page;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the test player page fresh, with page errors recorded in window.pageErrors. */
  async function openPlayer() {
    await page.goto(`${server.url}/test/player.html`);
    await page.waitForFunction(() => window.testReady === true, null, { timeout: 20_000 });
    await page.evaluate(() => {
      window.pageErrors = [];
      window.addEventListener("error", (event) => window.pageErrors.push(String(event.message)));
      window.addEventListener("unhandledrejection", (event) => window.pageErrors.push(String(event.reason)));
    });
  }

  test(`${label}: the demo page loads the package, shows its version and plays its VP9 clip`, async () => {
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.shoppableReady === true, null, { timeout: 20_000 });
    const version = await page.evaluate(() => document.getElementById("version").textContent);
    assert.match(version, /^shoppable-video \d+\.\d+\.\d+$/);
    await page.waitForFunction(() => document.querySelector("shoppable-video")?.video?.readyState >= 2, null, { timeout: 15_000 });
    await page.evaluate(() => document.querySelector("shoppable-video").video.play());
    await page.waitForFunction(() => document.querySelector("shoppable-video").video.currentTime > 0.5, null, { timeout: 15_000 });
  });

  for (const loop of FRAME_LOOPS) {
    describe(`${label} with ${loop.name}`, () => {
      before(async () => {
        await openPlayer();
        // Before the element starts: the frame loop looks for the method when playback starts.
        await page.evaluate((deleteVideoFrames) => {
          const proto = HTMLVideoElement.prototype;
          window.loopCalls = { videoFrame: 0, animationFrame: 0 };
          if (deleteVideoFrames) {
            delete proto.requestVideoFrameCallback;
            delete proto.cancelVideoFrameCallback;
          } else {
            const request = proto.requestVideoFrameCallback;
            proto.requestVideoFrameCallback = function (callback) {
              window.loopCalls.videoFrame += 1;
              return request.call(this, callback);
            };
          }
          const animationFrame = window.requestAnimationFrame;
          window.requestAnimationFrame = (callback) => {
            window.loopCalls.animationFrame += 1;
            return animationFrame.call(window, callback);
          };
        }, loop.deleteVideoFrames);
        await mount(page, { attributes: { ...PLAYER, src: "/media/crafts.webm" }, css: CSS });
        await page.evaluate(() => {
          window.intents = [];
          // On the document: the event bubbles out of the element. No new tab in the test.
          document.addEventListener("shoppable-intent", (event) => {
            window.intents.push({ detail: JSON.parse(JSON.stringify(event.detail)), cancelable: event.cancelable, receivedAt: Date.now() });
            event.preventDefault();
          });
        });
      });

      test("the timeline is ready and no hotspot shows before its start", async () => {
        const [ready] = await eventsOf(page, "shoppable-ready");
        assert.deepEqual(ready, { products: 2, hotspots: 2 });
        assert.equal(await page.evaluate(() => "requestVideoFrameCallback" in window.player.video), !loop.deleteVideoFrames);
        assert.equal(await seek(page, 0.3), 0.3);
        assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), []);
      });

      test("playing, the frame loop shows the hotspots at their start and keeps running", async () => {
        await page.evaluate(() => window.player.video.play());
        await page.waitForFunction(() => window.player.activeHotspots.length === 2, null, { timeout: 15_000 });
        const time = await page.evaluate(() => window.player.video.currentTime);
        // currentTime may trail the presented frame's mediaTime a little (Firefox: 6 ms seen).
        assert.ok(time >= 1.0 - 1 / 30, `hotspots from 1.0 s showed at currentTime ${time} s`);
        const shows = await eventsOf(page, "shoppable-hotspot-show");
        assert.deepEqual(shows.map((s) => s.hotspotId).sort(), ["h-fan", "h-vase"]);
        for (const show of shows) assert.ok(show.videoTime >= 1.0 && show.videoTime < 1.5, `shown at ${show.videoTime} s`);
        // One second of playback with no callback of the test's own: the element's loop runs on
        // the clock it should.
        const start = await page.evaluate(() => ({ ...window.loopCalls }));
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
        const end = await page.evaluate(() => ({ ...window.loopCalls }));
        await page.evaluate(() => window.player.video.pause());
        const videoFrames = end.videoFrame - start.videoFrame;
        const animationFrames = end.animationFrame - start.animationFrame;
        if (loop.deleteVideoFrames) {
          assert.ok(animationFrames >= 10, `${animationFrames} animation frames requested in 1 s of playback`);
        } else {
          assert.ok(videoFrames >= 10, `${videoFrames} video frames requested in 1 s of playback`);
          assert.ok(animationFrames <= 2, `${animationFrames} animation frames requested besides`);
        }
      });

      test("after a paused seek, the shown hotspots are the timeline's at that time", async () => {
        for (const time of [0.5, 4, 10.9, 11.2, 4]) {
          const t = await seek(page, time);
          assert.ok(Math.abs(t - time) < 1e-6, `currentTime ${t} after seeking to ${time}`);
          const shown = (await hotspots(page)).map((b) => b.id).sort();
          assert.deepEqual(shown, activeAt(shop, time).sort(), `buttons at ${time} s`);
          assert.deepEqual(await page.evaluate(() => window.player.activeHotspots), activeAt(shop, time), `activeHotspots at ${time} s`);
        }
      });

      test("each hotspot button's centre lies on its point of the picture", async () => {
        const buttons = await hotspots(page);
        const points = buttons.map((b) => shop.hotspots.find((h) => h.id === b.id));
        const expected = await expectedPoints(page, points);
        buttons.forEach((b, i) => {
          assert.ok(Math.abs(b.cx - expected[i].x) <= PIXELS && Math.abs(b.cy - expected[i].y) <= PIXELS,
            `${b.id} centred at (${b.cx}, ${b.cy}), expected (${expected[i].x}, ${expected[i].y})`);
          assert.ok(b.width >= 44 && b.height >= 44, `${b.id} is a 44 px tap target (${b.width} x ${b.height})`);
        });
      });

      test("a click on the hotspot opens its card; Buy now emits shoppable-intent with the contract's detail", async () => {
        const button = (await hotspots(page)).find((b) => b.id === "h-vase");
        await page.mouse.click(button.cx, button.cy);
        await page.waitForFunction(() => window.events.some((e) => e.type === "shoppable-select"), null, { timeout: 5_000 });
        const [select] = await eventsOf(page, "shoppable-select");
        assert.deepEqual({ ...select, videoTime: Math.round(select.videoTime * 1000) / 1000 },
          { productId: "vase-01", hotspotId: "h-vase", source: "hotspot", videoTime: 4 });
        const card = await page.evaluate(() => {
          const root = window.player.shadowRoot.querySelector('[part~="card"]');
          const buy = root?.querySelector('[part~="buy"]')?.getBoundingClientRect();
          return {
            open: !!root && !root.hidden && getComputedStyle(root).display !== "none",
            title: root?.querySelector('[part~="card-title"]')?.textContent,
            price: root?.querySelector('[part~="card-price"]')?.textContent,
            enginePrice: new Intl.NumberFormat("en-US", { style: "currency", currency: "CNY" }).format(1280),
            buy: buy && { x: buy.left + buy.width / 2, y: buy.top + buy.height / 2, width: buy.width },
          };
        });
        assert.equal(card.open, true, "the card is open");
        assert.equal(card.title, "Cloisonne vase");
        assert.ok(card.price.includes(card.enginePrice), `card price ${JSON.stringify(card.price)} shows ${card.enginePrice}`);
        assert.ok(card.buy?.width > 0, "Buy now is laid out");
        const clickedAt = await page.evaluate(() => Date.now());
        await page.mouse.click(card.buy.x, card.buy.y);
        await page.waitForFunction(() => window.intents.length > 0, null, { timeout: 5_000 });
        // A second, later look: still one intent.
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
        const intents = await page.evaluate(() => window.intents);
        assert.equal(intents.length, 1, "one intent");
        const [{ detail: d, cancelable, receivedAt }] = intents;
        assert.equal(cancelable, true);
        assert.match(d.intentId, UUID_V4);
        assert.equal(d.action, "buy_now");
        assert.equal(d.productId, "vase-01");
        assert.equal(d.hotspotId, "h-vase");
        assert.equal(d.source, "hotspot");
        assert.ok(Math.abs(d.videoTime - 4) < 1e-6, `videoTime ${d.videoTime}`);
        assert.ok(Math.abs(d.position.x - 0.42) < 1e-6 && Math.abs(d.position.y - 0.3) < 1e-6, `position ${JSON.stringify(d.position)}`);
        assert.equal(d.quantity, 1);
        assert.ok(d.timestamp >= clickedAt - 5 && d.timestamp <= receivedAt + 5, `timestamp ${d.timestamp}`);
        assert.deepEqual(d.items, [{
          item_id: "vase-01", item_name: "Cloisonne vase", price: 1280, currency: "CNY", quantity: 1,
          item_brand: "Jingtailan", item_variant: "blue",
        }]);
        assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
        assert.deepEqual(await eventsOf(page, "shoppable-error"), []);
        console.log(`${label}, ${loop.name}: card price ${JSON.stringify(card.price)}`);
      });
    });
  }

  test(`${label}: an H.264 MP4 plays and shows its hotspots on their points`, async () => {
    await openPlayer();
    await mount(page, { attributes: { ...PLAYER, src: "/test/crafts.mp4" }, css: CSS });
    await page.evaluate(() => window.player.video.play());
    await page.waitForFunction(() => window.player.video.currentTime > 1.2 && window.player.activeHotspots.length === 2, null, { timeout: 15_000 });
    await seek(page, 4);
    const buttons = await hotspots(page);
    const expected = await expectedPoints(page, buttons.map((b) => shop.hotspots.find((h) => h.id === b.id)));
    assert.equal(buttons.length, 2);
    buttons.forEach((b, i) => assert.ok(Math.abs(b.cx - expected[i].x) <= PIXELS && Math.abs(b.cy - expected[i].y) <= PIXELS,
      `${b.id} centred at (${b.cx}, ${b.cy}), expected (${expected[i].x}, ${expected[i].y})`));
    assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  });

  test(`${label}: under object-fit cover with object-position 20% 80%, fixed and keyframed hotspots lie on their points, cropped ones get no button`, async () => {
    await openPlayer();
    await mount(page, {
      attributes: { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto" },
      css: "#player { display: block; width: 300px; height: 400px; } #player::part(video) { object-fit: cover; object-position: 20% 80%; }",
      timeline: geometry,
    });
    for (const time of [4, 8.25]) {
      await seek(page, time);
      const live = activeAt(geometry, time).map((id) => geometry.hotspots.find((h) => h.id === id));
      const expected = await expectedPoints(page, live.map((h) => positionAt(h, time)));
      const shown = new Map((await hotspots(page)).map((b) => [b.id, b]));
      const visible = live.filter((h, i) => expected[i].visible);
      assert.ok(visible.length >= 2 && visible.length < live.length, `some points are cropped, some not (${visible.length} of ${live.length})`);
      assert.deepEqual([...shown.keys()].sort(), visible.map((h) => h.id).sort(), `at ${time} s the buttons are the hotspots on the visible picture`);
      live.forEach((h, i) => {
        const b = shown.get(h.id);
        if (!b) return;
        assert.ok(Math.abs(b.cx - expected[i].x) <= PIXELS && Math.abs(b.cy - expected[i].y) <= PIXELS,
          `at ${time} s ${h.id} centred at (${b.cx}, ${b.cy}), expected (${expected[i].x}, ${expected[i].y})`);
      });
    }
    assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  });

  // WebKitGTK takes navigator.language from the process locale: under LANG=C.UTF-8 (most CI
  // containers) it is "C", no BCP 47 tag, and the engine's default format is ICU's POSIX one
  // ("€ 19.50"). The element must still show a price, in the engine's default format.
  test(`${label}: with no locale and no lang anywhere, prices follow navigator.language, else the engine's default`, async () => {
    await openPlayer();
    await page.evaluate(() => document.documentElement.removeAttribute("lang"));
    const { locale, ...attributes } = PLAYER;
    await mount(page, { attributes: { ...attributes, src: "/media/crafts.webm" }, css: CSS });
    await seek(page, 4);
    const button = (await hotspots(page)).find((b) => b.id === "h-vase");
    await page.mouse.click(button.cx, button.cy);
    await page.waitForFunction(() => window.player.shadowRoot.querySelector('[part~="card-price"]')?.textContent, null, { timeout: 5_000 });
    const seen = await page.evaluate(() => {
      let tag = navigator.language;
      try { Intl.getCanonicalLocales(tag); } catch { tag = undefined; }
      return {
        language: navigator.language,
        price: window.player.shadowRoot.querySelector('[part~="card-price"]').textContent,
        expected: new Intl.NumberFormat(tag, { style: "currency", currency: "CNY" }).format(1280),
      };
    });
    console.log(`${label}: navigator.language ${JSON.stringify(seen.language)}, card price ${JSON.stringify(seen.price)}`);
    assert.ok(seen.price.includes(seen.expected), `card price ${JSON.stringify(seen.price)} shows ${JSON.stringify(seen.expected)}`);
    assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  });

  test(`${label}: what the engine supports (printed for the README's browser table)`, async () => {
    const support = await page.evaluate(() => {
      const video = document.createElement("video");
      const types = {
        "VP9 WebM": 'video/webm; codecs="vp9"',
        "AV1 WebM": 'video/webm; codecs="av01.0.05M.08"',
        "H.264 MP4": 'video/mp4; codecs="avc1.42E01E"',
        "HEVC MP4": 'video/mp4; codecs="hvc1.1.6.L93.B0"',
        "AV1 MP4": 'video/mp4; codecs="av01.0.05M.08"',
        "HLS (native)": "application/vnd.apple.mpegurl",
      };
      const mse = typeof MediaSource !== "undefined";
      const codecs = Object.fromEntries(Object.entries(types).map(([name, type]) => [name, {
        canPlayType: video.canPlayType(type) || "no",
        mediaSource: mse && !type.startsWith("application/") ? MediaSource.isTypeSupported(type) : null,
      }]));
      return {
        userAgent: navigator.userAgent,
        requestVideoFrameCallback: "requestVideoFrameCallback" in HTMLVideoElement.prototype,
        mediaSource: mse,
        getStartDate: "getStartDate" in HTMLMediaElement.prototype,
        elementFullscreen: typeof Element.prototype.requestFullscreen === "function",
        trustedTypes: typeof window.trustedTypes !== "undefined",
        adoptedStyleSheets: "adoptedStyleSheets" in ShadowRoot.prototype,
        language: navigator.language,
        prices: Object.fromEntries(["en-US", "nl-NL", "de-DE", "zh-CN", "ar", undefined].map((locale) => [locale ?? "(default)",
          new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(19.5)])),
        codecs,
      };
    });
    // Keys sorted: drivers serialize objects in orders of their own.
    const sorted = (value) => (value && typeof value === "object"
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])])) : value);
    console.log(`${label} ${browser.browserName} ${browser.browserVersion}: ${JSON.stringify(sorted(support), null, 2)}`);
    assert.equal(support.codecs["VP9 WebM"].canPlayType, "probably");
    assert.equal(support.codecs["H.264 MP4"].canPlayType, "probably");
  });
}
