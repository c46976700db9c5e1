// Geometry: where the hotspot buttons are on screen. For each layout the test computes, on its
// own, where each normalized point of the frame must land (from the video's box, its intrinsic
// size and its computed object-fit / object-position) and checks the centre of every visible
// `[part~="hotspot"]` button is within 2 px of it; points cropped away by `cover` get no button
// and are not in activeHotspots. The video is paused at a known time for every check.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { session } from "./harness.mjs";
import { openPlayer, mount, seek, hotspots, expectedPoints, activeAt, positionAt, readJson, frames } from "./element-helpers.mjs";

const TOLERANCE_PX = 2;
const TIME = 4.0;
const timeline = readJson("test/geometry.timeline.json");

let s;
before(async () => { s = await session(); });
after(async () => { await s?.close(); });

/**
 * Checks every hotspot of the geometry timeline at `time`: those whose point is on the visible
 * picture have a button centred on it (within 2 px), the others have none, and activeHotspots
 * lists exactly the shown ones in timeline order. Returns the number of buttons checked.
 */
async function assertGeometry(page, label, time = TIME) {
  const live = activeAt(timeline, time).map((id) => timeline.hotspots.find((h) => h.id === id));
  const expected = await expectedPoints(page, live.map((h) => positionAt(h, time)));
  const shown = await hotspots(page);
  const byId = new Map(shown.map((b) => [b.id, b]));
  const visibleIds = [];
  for (const [i, hotspot] of live.entries()) {
    const want = expected[i];
    const button = byId.get(hotspot.id);
    if (!want.visible) {
      assert.equal(button, undefined, `${label}: ${hotspot.id} is outside the visible picture, yet it has a button at (${button?.cx}, ${button?.cy})`);
      continue;
    }
    visibleIds.push(hotspot.id);
    assert.ok(button, `${label}: ${hotspot.id} should be shown at (${want.x.toFixed(1)}, ${want.y.toFixed(1)}); buttons: ${[...byId.keys()].join(", ")}`);
    assert.equal(button.tag, "BUTTON");
    assert.equal(button.hidden, false, `${label}: ${hotspot.id}'s button is displayed`);
    const dx = Math.abs(button.cx - want.x);
    const dy = Math.abs(button.cy - want.y);
    assert.ok(dx <= TOLERANCE_PX && dy <= TOLERANCE_PX,
      `${label}: ${hotspot.id} centre is at (${button.cx.toFixed(1)}, ${button.cy.toFixed(1)}), expected (${want.x.toFixed(1)}, ${want.y.toFixed(1)}): off by (${dx.toFixed(1)}, ${dy.toFixed(1)}) px`);
  }
  assert.deepEqual(shown.map((b) => b.id).sort(), [...visibleIds].sort(), `${label}: the buttons are exactly the visible hotspots`);
  const active = await page.evaluate(() => window.player.activeHotspots);
  assert.deepEqual(active, visibleIds, `${label}: activeHotspots lists the shown hotspots in timeline order`);
  return visibleIds.length;
}

async function mountGeometry(page, { css, attributes = {}, child } = {}) {
  await mount(page, {
    attributes: child ? attributes : { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto", ...attributes },
    css,
    child,
    timeline,
  });
  const t = await seek(page, TIME);
  assert.equal(t, TIME);
}

test("contain, letterboxed: the 16:9 clip in a square box; every point lands on its place", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, { css: "#player { width: 400px; height: 400px; margin: 30px 0 0 50px; background: #000; }" });
  // The picture is 400 x 225, 87.5 px below the box's top: a real letterbox.
  const [corner] = await expectedPoints(page, [{ x: 0, y: 0 }]);
  assert.ok(Math.abs(corner.y - (30 + 87.5)) < 0.01 && Math.abs(corner.x - 50) < 0.01, JSON.stringify(corner));
  const checked = await assertGeometry(page, "contain 400x400");
  assert.equal(checked, timeline.hotspots.length, "with contain every point is on the picture");
  assert.deepEqual(page.errors, []);
});

test("cover, cropped: points outside the visible picture get no button and are not active", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, {
    css: "#player { width: 400px; height: 400px; margin: 20px; } #player::part(video) { object-fit: cover; }",
  });
  const fit = await page.evaluate(() => getComputedStyle(window.player.video).objectFit);
  assert.equal(fit, "cover");
  const checked = await assertGeometry(page, "cover 400x400");
  // Only x in about [0.22, 0.78] is visible: centre, vase, top edge, moving (0.34) and step (0.3).
  const active = await page.evaluate(() => window.player.activeHotspots);
  assert.deepEqual(active, ["g-centre", "g-vase", "g-top-edge", "g-moving", "g-step"]);
  assert.equal(checked, 5);
  assert.deepEqual(page.errors, []);
});

test("object-position: left top and 20% 80% with contain move the picture and the hotspots with it", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, {
    css: "#player { width: 400px; height: 400px; } #player::part(video) { object-fit: contain; object-position: left top; }",
  });
  const [origin] = await expectedPoints(page, [{ x: 0, y: 0 }]);
  assert.ok(Math.abs(origin.y) < 0.01, "left top: the picture starts at the box's top");
  await assertGeometry(page, "contain, left top, 400x400");

  // A wide box: pillarboxed, the picture 20% along the free width.
  await mountGeometry(page, {
    css: "#player { width: 800px; height: 300px; margin-left: 10px; } #player::part(video) { object-fit: contain; object-position: 20% 80%; }",
  });
  const [start] = await expectedPoints(page, [{ x: 0, y: 0 }]);
  const free = 800 - (640 * 300) / 360;
  assert.ok(Math.abs(start.x - (10 + 0.2 * free)) < 0.01, JSON.stringify(start));
  await assertGeometry(page, "contain, 20% 80%, 800x300");
  assert.deepEqual(page.errors, []);
});

test("a host border and padding: the overlay stays over the video's content box", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, {
    css: "#player { box-sizing: content-box; width: 480px; height: 360px; border: 7px solid #333; padding: 11px 5px; margin: 13px; }",
  });
  await assertGeometry(page, "bordered host 480x360");
  assert.deepEqual(page.errors, []);
});

test("after a resize of the element the buttons follow", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, { css: "#player { width: 640px; height: 360px; }" });
  await assertGeometry(page, "640x360 before the resize");
  const before = await hotspots(page);

  await page.evaluate(() => { window.player.style.width = "320px"; window.player.style.height = "400px"; });
  // Wait until the layout changed, then (ResizeObserver) a few frames for the element to follow.
  await page.waitForFunction(() => window.player.video.getBoundingClientRect().width === 320);
  await frames(page, 3);
  await assertGeometry(page, "320x400 after the resize");
  const after = await hotspots(page);
  const centre = (list) => list.find((b) => b.id === "g-centre");
  assert.ok(Math.abs(centre(before).cx - centre(after).cx) > 100, "the centre hotspot really moved");

  // And a width change alone (the height follows the aspect ratio).
  await page.evaluate(() => { window.player.style.width = "900px"; window.player.style.height = "auto"; window.player.style.aspectRatio = "16 / 9"; });
  await page.waitForFunction(() => window.player.video.getBoundingClientRect().width === 900);
  await frames(page, 3);
  await assertGeometry(page, "900 wide after the second resize");
  assert.deepEqual(page.errors, []);
});

test("a host-provided child <video> with its own CSS size: the hotspots sit on that video", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, {
    css: "#player { width: 900px; }",
    child: {
      attributes: { src: "/media/crafts.webm", muted: true, playsinline: true, preload: "auto" },
      style: "width: 300px; height: 300px; margin-left: 120px; object-fit: contain; background: #000;",
    },
  });
  const info = await page.evaluate(() => {
    const video = window.player.video;
    const box = video.getBoundingClientRect();
    return { isChild: video.parentElement === window.player, width: box.width, height: box.height, left: box.left };
  });
  assert.deepEqual(info, { isChild: true, width: 300, height: 300, left: 120 });
  await assertGeometry(page, "child video 300x300 at left 120");
  // The shadow root made no video of its own.
  assert.equal(await page.evaluate(() => window.player.shadowRoot.querySelectorAll("video").length), 0);

  // The host's own video can be restyled by the host: the hotspots follow it.
  await page.evaluate(() => { window.player.video.style.width = "500px"; window.player.video.style.height = "200px"; });
  await page.waitForFunction(() => window.player.video.getBoundingClientRect().width === 500);
  await frames(page, 3);
  await assertGeometry(page, "child video resized to 500x200");

  // With a border and padding of its own: the picture is in its content box.
  await page.evaluate(() => { Object.assign(window.player.video.style, { padding: "10px 30px", border: "6px solid red", boxSizing: "border-box" }); });
  await page.waitForFunction(() => getComputedStyle(window.player.video).paddingLeft === "30px");
  await frames(page, 3);
  await assertGeometry(page, "child video 500x200 with border and padding");
  assert.deepEqual(page.errors, []);
});

test("a keyframed hotspot is placed on its interpolated point at other paused times", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, { css: "#player { width: 640px; height: 360px; }" });
  for (const time of [1.0, 2.5, 5.999, 6.0, 8.75, 11.0, 11.25]) {
    await seek(page, time);
    await assertGeometry(page, `640x360 at ${time}s`, time);
  }
  assert.deepEqual(page.errors, []);
});

test("other object-fit values: fill, none and scale-down", async () => {
  const page = await openPlayer(s);
  for (const [fit, size] of [["fill", "width: 500px; height: 500px;"], ["none", "width: 400px; height: 300px;"], ["scale-down", "width: 900px; height: 500px;"], ["scale-down", "width: 320px; height: 320px;"]]) {
    await mountGeometry(page, { css: `#player { ${size} } #player::part(video) { object-fit: ${fit}; object-position: 30% 60%; }` });
    assert.equal(await page.evaluate(() => getComputedStyle(window.player.video).objectFit), fit);
    await assertGeometry(page, `${fit} in ${size}`);
  }
  assert.deepEqual(page.errors, []);
});

const TOGGLE_CSS = `#player { width: 400px; height: 400px; }
  #player.fill-screen::part(video) { object-fit: cover; }
  #player.corner::part(video) { object-position: left bottom; }`;

test("object-fit and object-position changed at run time (a class toggle, no resize), paused: the next render follows", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, { css: TOGGLE_CSS });
  await assertGeometry(page, "contain before the toggle");
  for (const name of ["fill-screen", "corner"]) {
    await page.evaluate((name) => window.player.classList.toggle(name), name);
    // Paused: a seek makes the element render again; it must use the new fit and position.
    await seek(page, TIME + 0.5);
    await seek(page, TIME);
    await assertGeometry(page, `after adding .${name}, paused`);
  }
  assert.deepEqual(page.errors, []);
});

test("object-fit changed at run time (a class toggle, no resize), playing: within the next frames the hotspots follow", async () => {
  const page = await openPlayer(s);
  await mountGeometry(page, { css: TOGGLE_CSS });
  // Playing: within the next frames (the element draws every frame) the hotspots move to
  // where the picture now is. Checked on the static hotspots, for up to 1 s of playback.
  await page.evaluate(() => window.player.video.play());
  await page.waitForFunction(() => window.player.video.currentTime > 4.1);
  await page.evaluate(() => window.player.classList.add("fill-screen"));
  const startedAt = await page.evaluate(() => window.player.video.currentTime);
  const statics = timeline.hotspots.filter((h) => h.keyframes === undefined);
  let misplaced = [];
  for (;;) {
    const [shown, expected, now] = await Promise.all([hotspots(page), expectedPoints(page, statics), page.evaluate(() => window.player.video.currentTime)]);
    misplaced = [];
    for (const [i, h] of statics.entries()) {
      const button = shown.find((b) => b.id === h.id);
      const want = expected[i];
      if (!want.visible && button) misplaced.push(`${h.id} shown at (${button.cx}, ${button.cy}) though cropped away`);
      else if (want.visible && !button) misplaced.push(`${h.id} not shown`);
      else if (want.visible && (Math.abs(button.cx - want.x) > TOLERANCE_PX || Math.abs(button.cy - want.y) > TOLERANCE_PX)) {
        misplaced.push(`${h.id} at (${button.cx.toFixed(1)}, ${button.cy.toFixed(1)}), expected (${want.x.toFixed(1)}, ${want.y.toFixed(1)})`);
      }
    }
    if (misplaced.length === 0) break;
    assert.ok(now - startedAt < 1.0, `1 s after adding .fill-screen (object-fit: cover) while playing, hotspots are still misplaced: ${misplaced.join(", ")}`);
    await frames(page, 2);
  }
  await page.evaluate(() => window.player.video.pause());
  assert.deepEqual(page.errors, []);
});
