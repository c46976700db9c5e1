// Shared by the layout-*.test.mjs files: the player setups of issue 12 (five phone setups with
// touch and a desktop one), a timeline with hotspots spread over the picture, putting the
// overlay in a state (hotspots, pinned card, rail open, card open, all at once), and reading
// what a finger would hit through the element's open shadow root.
import { mount, seek } from "./element-helpers.mjs";

/** Phone emulation: touch, a mobile viewport, a 2x screen. */
const PHONE = { hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const WIDE = "/media/crafts.webm";
const TALL = "/media/crafts-vertical.webm";

/** The player setups: a viewport, page CSS sizing the element, and its clip. */
export const SETUPS = [
  { name: "390x844 portrait phone, 9:16 clip", viewport: { width: 390, height: 844 }, ...PHONE, src: TALL,
    css: "#player { width: 100vw; aspect-ratio: 9 / 16; }" },
  { name: "390x844 portrait phone, 16:9 player", viewport: { width: 390, height: 844 }, ...PHONE, src: WIDE,
    css: "#player { width: 100vw; aspect-ratio: 16 / 9; }" },
  { name: "844x390 landscape phone", viewport: { width: 844, height: 390 }, ...PHONE, src: WIDE,
    css: "#player { height: 100vh; aspect-ratio: 16 / 9; }" },
  { name: "320x568 phone, 16:9 player", viewport: { width: 320, height: 568 }, ...PHONE, src: WIDE,
    css: "#player { width: 100vw; aspect-ratio: 16 / 9; }" },
  { name: "320x568 phone, 9:16 clip", viewport: { width: 320, height: 568 }, ...PHONE, src: TALL,
    css: "#player { height: 100vh; aspect-ratio: 9 / 16; }" },
  { name: "1280x800 desktop, 960x540 player", viewport: { width: 1280, height: 800 }, src: WIDE,
    css: "#player { width: 960px; aspect-ratio: 16 / 9; }" },
];

/** What the overlay shows in each state (the card is opened from the first hotspot). */
export const STATES = {
  hotspots: {},
  pinned: { pinned: true },
  rail: { rail: true },
  card: { card: true },
  "all at once": { pinned: true, rail: true, card: true },
};

const product = (id, title, price, extra = {}) => ({ id, title, price, url: `product.html?id=${id}`, ...extra });

/** Five products (one without an image) and hotspots all over the picture from 1 s to 11 s. */
export const LAYOUT_TIMELINE = {
  version: 1,
  currency: "CNY",
  products: [
    product("vase-01", "Cloisonne vase", 1280, { originalPrice: 1580, image: "../media/vase.svg", description: "Hand-enamelled copper, 32 cm." }),
    product("fan-02", "Silk folding fan", 168, { description: "Mulberry silk on bamboo ribs." }),
    product("tea-03", "Celadon tea set", 560, { image: "../media/tea.svg" }),
    product("lantern-04", "Silk palace lantern", 298, { image: "../media/lantern.svg" }),
    product("kite-05", "Swallow kite", 88, { image: "../media/kite.svg", available: false }),
  ],
  hotspots: [
    { id: "centre", product: "vase-01", start: 1, end: 11, x: 0.5, y: 0.5 },
    { id: "top-start", product: "fan-02", start: 1, end: 11, x: 0.15, y: 0.15, label: "Silk fan" },
    { id: "top-end", product: "tea-03", start: 1, end: 11, x: 0.85, y: 0.15 },
    { id: "bottom", product: "lantern-04", start: 1, end: 11, x: 0.35, y: 0.9, label: "Lantern" },
    { id: "middle-end", product: "kite-05", start: 1, end: 11, x: 0.8, y: 0.6 },
  ],
};

/**
 * A page of `browser` with `setup`'s viewport (and touch), the test player mounted with
 * native controls and `timeline`, paused at 4 s. `attributes` are added to the element's.
 */
export async function layoutPage(browser, base, setup, { timeline = LAYOUT_TIMELINE, attributes = {}, css = "" } = {}) {
  const { name, css: setupCss, src, ...options } = setup;
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(String(error)));
  page.on("console", (message) => { if (message.type() === "error") page.errors.push(message.text()); });
  await page.goto(`${base}/test/player.html`);
  await page.waitForFunction(() => window.testReady === true);
  await mount(page, {
    attributes: { src, controls: true, muted: true, playsinline: true, preload: "auto", locale: "en-US", ...attributes },
    css: `${setupCss} ${css}`,
    timeline,
  });
  await seek(page, 4.0);
  return page;
}

/**
 * Puts the overlay in `state` (see STATES): pins a product (`pinned`: true for tea-03, or an
 * id), opens the rail, opens a card (`card`: true for the hotspot "centre", or a hotspot id).
 */
export async function enter(page, state) {
  await page.evaluate(async ({ pinned, rail, card }) => {
    const player = window.player;
    const root = player.shadowRoot;
    if (pinned) player.pinProduct(pinned === true ? "tea-03" : pinned);
    if (rail) player.setAttribute("rail", "open");
    if (card) root.querySelector(`[part~="hotspot"][data-hotspot-id="${card === true ? "centre" : card}"]`).click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, state);
}

/** The height of the video's native control bar that the overlay leaves free (style.css). */
export const BAND = 72;

/** Closes the card, unpins, closes the rail: the "hotspots" state again. */
export async function leave(page) {
  await page.evaluate(async () => {
    const player = window.player;
    const close = player.shadowRoot.querySelector('[part~="close"]');
    if (!player.shadowRoot.querySelector('[part~="card"]').hidden) close.click();
    player.pinProduct(null);
    player.setAttribute("rail", "closed");
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/**
 * What a viewer can reach now, read through the shadow root: every interactive part that is
 * rendered, visible and not inert, with its box, its centre, and what the shadow root finds at
 * that centre; the boxes of the shown parts that may lie over hotspots (`covers`: card,
 * pinned card, rail toggle and list, fullscreen toggle); the element's and the video's boxes.
 * A rail item is scrolled into its list's view first (a list longer than the player scrolls).
 */
export async function reachable(page) {
  return page.evaluate(() => {
    const player = window.player;
    const root = player.shadowRoot;
    const describe = (element) => {
      if (!element) return "nothing";
      const part = element.getAttribute?.("part");
      return part ? `[part="${part}"]` : element.tagName.toLowerCase() + (element.className ? `.${element.className}` : "");
    };
    const name = (element) => {
      const where = element.closest('[part~="card"]') ? "card " : element.closest('[part~="pinned"]') ? "pinned " : "";
      const id = element.dataset.hotspotId ?? element.dataset.productId;
      return `${where}${element.getAttribute("part")}${id ? `#${id}` : ""}`;
    };
    const shown = (element) => {
      if (!element || element.closest("[inert], [hidden]")) return false;
      const style = getComputedStyle(element);
      if (style.visibility !== "visible" || style.display === "none") return false;
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const parts = [];
    for (const element of root.querySelectorAll("button")) {
      if (!shown(element) || getComputedStyle(element).pointerEvents === "none") continue;
      if (element.matches('[part~="rail-item"]')) element.scrollIntoView({ block: "nearest", inline: "nearest" });
      const box = element.getBoundingClientRect().toJSON();
      const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      const hit = root.elementFromPoint(centre.x, centre.y);
      parts.push({
        name: name(element), hotspot: element.matches('[part~="hotspot"]'), box, centre,
        hit: describe(hit), hitsItself: !!hit && element.contains(hit),
      });
    }
    const covers = ['[part~="card"]', '[part~="pinned"]', '[part~="rail-toggle"]', '[part~="rail"] ul', '[part~="fullscreen"]']
      .map((selector) => root.querySelector(selector))
      .filter(shown)
      .map((element) => element.getBoundingClientRect().toJSON());
    return { parts, covers, host: player.getBoundingClientRect().toJSON(), video: player.video.getBoundingClientRect().toJSON() };
  });
}

/** Whether `point` lies inside `box` (a DOMRect's JSON). */
export function inside(point, box) {
  return point.x >= box.left && point.x <= box.right && point.y >= box.top && point.y <= box.bottom;
}

/** Taps (touch) or clicks (mouse) at a point of the viewport, as the setup's viewer would. */
export async function tapAt(page, setup, { x, y }) {
  if (setup.hasTouch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}
