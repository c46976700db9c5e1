// Helpers shared by the demo pages for placing hotspots by clicking a paused video: where a
// click falls in the video's own frame (normalized 0..1, as the timeline's x and y), through
// the video's object-fit and object-position, exactly as the element maps the other way.

/**
 * The normalized frame point { x, y } under the viewport point (clientX, clientY), or null
 * when it is not on the visible picture (letterbox bars, cropped parts, no metadata yet).
 */
export function framePoint(video, clientX, clientY) {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh) return null;
  const style = getComputedStyle(video);
  const px = (name) => parseFloat(style.getPropertyValue(name)) || 0;
  const border = video.getBoundingClientRect();
  // The content box: object-fit and object-position place the picture inside it.
  const box = {
    left: border.left + px("border-left-width") + px("padding-left"),
    top: border.top + px("border-top-width") + px("padding-top"),
    width: border.width - px("border-left-width") - px("border-right-width") - px("padding-left") - px("padding-right"),
    height: border.height - px("border-top-width") - px("border-bottom-width") - px("padding-top") - px("padding-bottom"),
  };
  if (box.width <= 0 || box.height <= 0) return null;
  let width;
  let height;
  switch (style.objectFit) {
    case "cover": { const s = Math.max(box.width / vw, box.height / vh); width = vw * s; height = vh * s; break; }
    case "fill": width = box.width; height = box.height; break;
    case "none": width = vw; height = vh; break;
    case "scale-down": { const s = Math.min(1, box.width / vw, box.height / vh); width = vw * s; height = vh * s; break; }
    default: { const s = Math.min(box.width / vw, box.height / vh); width = vw * s; height = vh * s; } // contain
  }
  // The computed object-position is two lengths or percentages ("50% 50%", "0px 100%").
  const [horizontal = "50%", vertical = "50%"] = style.objectPosition.split(/\s+/);
  const offset = (value, free) => (value.endsWith("%") ? (free * parseFloat(value)) / 100 : parseFloat(value) || 0);
  const left = box.left + offset(horizontal, box.width - width);
  const top = box.top + offset(vertical, box.height - height);
  const inBox = clientX >= box.left && clientX <= box.left + box.width && clientY >= box.top && clientY <= box.top + box.height;
  const x = (clientX - left) / width;
  const y = (clientY - top) / height;
  if (!inBox || x < 0 || x > 1 || y < 0 || y > 1) return null;
  return { x: round(x, 3), y: round(y, 3) };
}

/**
 * Calls `onClick(event)` for clicks that land on the player's video itself (not on a hotspot,
 * the card, the pinned card or the rail: those are in the element's shadow root and never
 * reach the video, so the video is not on their composed path) while it is paused. The click
 * is then kept from starting playback (the native controls still work).
 */
export function onPausedVideoClick(player, onClick) {
  player.addEventListener("click", (event) => {
    const video = player.video;
    if (!video || !video.paused || !event.composedPath().includes(video)) return;
    event.preventDefault();
    onClick(event, video);
  });
}

export function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A time rounded down to `digits` decimals (so a hotspot starting then is visible now). */
export function floorTime(value, digits = 2) {
  const f = 10 ** digits;
  return Math.min(value, Math.floor(value * f) / f);
}

/** A hotspot as one line of JSON with spaces, the way a person writes it in a timeline. */
export function hotspotJson(hotspot) {
  return `{ ${Object.entries(hotspot).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(", ")} }`;
}
