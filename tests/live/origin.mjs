// A small local live origin, for the end-to-end tests and `make demo`: ffmpeg loops a clip into
// a sliding-window HLS playlist (H.264 in MPEG-TS, EXT-X-PROGRAM-DATE-TIME on every segment,
// old segments deleted), and this server hands it out on 127.0.0.1 with the EXT-X-DATERANGE
// tags a producer inserted, as a live-shopping origin would:
//
//   GET  /live.m3u8     the live media playlist, with the date ranges still in its window
//   GET  /seg00042.ts   a segment
//   POST /dateranges    a producer inserts a date range (JSON, see `addDateRange`); answers it
//   GET  /dateranges    the date ranges in the window
//
// Every answer allows any origin (the demo page is served from another port). The clip is
// encoded to H.264 once (cached under target/live-origin/), then copied in a loop in real time,
// so the live stream costs almost no CPU. Nothing listens beyond the loopback interface, and
// the origin stops by itself after `maxSeconds` (ffmpeg too, even if this process is killed).
//
// As a module: `const origin = await startOrigin({ ... }); ...; await origin.close();`
// From the shell: node tests/live/origin.mjs [--port 8081] [--max-seconds N]
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLIP = join(ROOT, "www", "media", "crafts.webm");
const CACHE = join(ROOT, "target", "live-origin");
const PLAYLIST = "live.m3u8";
/** The CLASS of the date ranges that carry hotspots (CONTRACT.md section 4). */
export const SHOPPABLE_CLASS = "shoppable";

/** The base64 (RFC 4648) of the UTF-8 JSON of `hotspot`: what X-HOTSPOT holds. */
export function hotspotAttribute(hotspot) {
  return Buffer.from(JSON.stringify(hotspot), "utf8").toString("base64");
}

/** The clip as H.264 with a keyframe every half second (so 1 s segments cut cleanly), made once. */
function h264Clip(clip) {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `${clip.split("/").pop().replace(/\.[^.]+$/, "")}-${Math.round(statSync(clip).mtimeMs)}.mp4`);
  if (existsSync(out)) return out;
  const made = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", clip, "-an",
    "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
    "-r", "30", "-g", "15", "-keyint_min", "15", "-sc_threshold", "0", `${out}.part.mp4`], { stdio: ["ignore", "ignore", "pipe"] });
  if (made.status !== 0) throw new Error(`ffmpeg could not encode ${clip}: ${made.stderr}`);
  spawnSync("mv", [`${out}.part.mp4`, out]);
  return out;
}

/** `#EXT-X-PROGRAM-DATE-TIME` as ffmpeg writes it (`…T07:00:04.307+0000`), in ms. */
function parseDate(text) {
  return Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
}

/** The segments of a media playlist: [{ uri, duration, programDateTime (ms) }]. */
export function segmentsOf(playlist) {
  const segments = [];
  let duration = 0;
  let date = NaN;
  for (const line of playlist.split("\n")) {
    if (line.startsWith("#EXTINF:")) duration = parseFloat(line.slice(8));
    else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) date = parseDate(line.slice(25).trim());
    else if (line && !line.startsWith("#")) {
      segments.push({ uri: line.trim(), duration, programDateTime: date });
      date = NaN;
    }
  }
  return segments;
}

/** An attribute value as a quoted-string (no `"`, CR or LF allowed in one). */
function quoted(value) {
  const text = String(value);
  if (/["\r\n]/.test(text)) throw new Error(`an attribute value cannot hold " or a line break: ${text}`);
  return `"${text}"`;
}

/**
 * Starts ffmpeg and the server. Resolves once the playlist has `minSegments` segments.
 * - port: the HTTP port on 127.0.0.1 (0: any free one)
 * - segmentSeconds, windowSegments: the HLS segment length and the playlist's window
 * - maxSeconds: the origin stops by itself after this long
 */
export async function startOrigin({ port = 0, clip = CLIP, segmentSeconds = 1, windowSegments = 12,
  maxSeconds = 600, minSegments = 3, log = () => {} } = {}) {
  const source = h264Clip(clip);
  const dir = mkdtempSync(join(tmpdir(), "shoppable-live-"));
  const args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1", "-i", source,
    "-t", String(maxSeconds), "-c", "copy", "-f", "hls", "-hls_time", String(segmentSeconds),
    "-hls_list_size", String(windowSegments),
    "-hls_flags", "delete_segments+program_date_time+independent_segments+temp_file",
    "-hls_segment_filename", join(dir, "seg%05d.ts"), join(dir, PLAYLIST)];
  const ffmpeg = spawn("ffmpeg", args, { stdio: ["ignore", "ignore", "pipe"] });
  let ffmpegLog = "";
  ffmpeg.stderr.on("data", (chunk) => { ffmpegLog = (ffmpegLog + chunk).slice(-4000); });
  const ffmpegExited = new Promise((resolve) => ffmpeg.once("exit", resolve));

  /** The producer's date ranges, by ID: { id, start, end, tag } (seconds since the epoch). */
  const dateRanges = new Map();

  function playlistText() {
    const text = readFileSync(join(dir, PLAYLIST), "utf8");
    const segments = segmentsOf(text);
    const windowStart = segments.length ? segments[0].programDateTime / 1000 : -Infinity;
    // A date range leaves the playlist once it ended before the window's first segment.
    for (const [id, range] of dateRanges) {
      if (range.end < windowStart) dateRanges.delete(id);
    }
    const tags = [...dateRanges.values()].map((range) => range.tag);
    if (!tags.length) return text;
    const lines = text.split("\n");
    const first = lines.findIndex((line) => line.startsWith("#EXTINF") || line.startsWith("#EXT-X-PROGRAM-DATE-TIME"));
    lines.splice(first < 0 ? lines.length : first, 0, ...tags);
    return lines.join("\n");
  }

  /** The program time (s) at the end of the newest segment: the live edge. */
  function liveEdge() {
    const segments = segmentsOf(readFileSync(join(dir, PLAYLIST), "utf8"));
    const last = segments[segments.length - 1];
    return last ? last.programDateTime / 1000 + last.duration : NaN;
  }

  /**
   * Inserts a date range. `hotspot`: the hotspot object (its base64 JSON becomes X-HOTSPOT), or
   * `xHotspot`: the attribute's raw value (to test refusals). `start`: program time in seconds
   * (default: now); `duration` in seconds, or `end`; `id` (default: a fresh one). Returns it.
   */
  function addDateRange({ id, start, duration, end, hotspot, xHotspot, className = SHOPPABLE_CLASS } = {}) {
    const rangeId = id ?? `dr-${Date.now().toString(36)}-${dateRanges.size}`;
    const startSeconds = Number.isFinite(start) ? start : Date.now() / 1000;
    const value = xHotspot ?? hotspotAttribute(hotspot ?? {});
    const attributes = [`ID=${quoted(rangeId)}`, `CLASS=${quoted(className)}`,
      `START-DATE=${quoted(new Date(startSeconds * 1000).toISOString())}`];
    let endSeconds = Infinity;
    if (Number.isFinite(end)) {
      endSeconds = end;
      attributes.push(`END-DATE=${quoted(new Date(end * 1000).toISOString())}`);
    } else if (Number.isFinite(duration)) {
      endSeconds = startSeconds + duration;
      attributes.push(`DURATION=${duration}`);
    }
    attributes.push(`X-HOTSPOT=${quoted(value)}`);
    const range = { id: rangeId, start: startSeconds, end: endSeconds, tag: `#EXT-X-DATERANGE:${attributes.join(",")}` };
    dateRanges.set(rangeId, range);
    log(`date range ${range.tag}`);
    return range;
  }

  const server = createServer((request, response) => {
    const headers = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type", "Cache-Control": "no-store" };
    const answer = (status, type, body) => {
      response.writeHead(status, { ...headers, "Content-Type": type });
      response.end(body);
    };
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    try {
      if (request.method === "OPTIONS") return answer(204, "text/plain", "");
      if (request.method === "GET" && path === `/${PLAYLIST}`) {
        return answer(200, "application/vnd.apple.mpegurl", playlistText());
      }
      if (request.method === "GET" && /^\/seg\d+\.ts$/.test(path)) {
        const file = join(dir, path.slice(1));
        if (!existsSync(file)) return answer(404, "text/plain", "gone");
        response.writeHead(200, { ...headers, "Content-Type": "video/mp2t" });
        return void createReadStream(file).on("error", () => response.destroy()).pipe(response);
      }
      if (path === "/dateranges" && request.method === "GET") {
        playlistText(); // drops the ranges that left the window
        return answer(200, "application/json", JSON.stringify({ liveEdge: liveEdge(), dateRanges: [...dateRanges.values()] }));
      }
      if (path === "/dateranges" && request.method === "POST") {
        let body = "";
        request.setEncoding("utf8");
        request.on("data", (chunk) => { body += chunk; if (body.length > 1e6) request.destroy(); });
        request.on("end", () => {
          try {
            answer(201, "application/json", JSON.stringify(addDateRange(JSON.parse(body || "{}"))));
          } catch (error) {
            answer(400, "text/plain", String(error && error.message || error));
          }
        });
        return undefined;
      }
      return answer(404, "text/plain", "not found");
    } catch (error) {
      return answer(503, "text/plain", String(error && error.message || error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  let closing = null;
  /** Stops ffmpeg and the server and removes the segments; every call waits for the same end. */
  function close() {
    closing ??= (async () => {
      clearTimeout(stopTimer);
      if (ffmpeg.exitCode === null) ffmpeg.kill("SIGTERM");
      server.closeAllConnections?.();
      await Promise.all([ffmpegExited, new Promise((resolve) => server.close(() => resolve()))]);
      process.off("exit", killNow);
      rmSync(dir, { recursive: true, force: true });
    })();
    return closing;
  }
  const killNow = () => { if (ffmpeg.exitCode === null) ffmpeg.kill("SIGKILL"); rmSync(dir, { recursive: true, force: true }); };
  process.on("exit", killNow);
  const stopTimer = setTimeout(close, maxSeconds * 1000);
  stopTimer.unref();

  // Ready once the playlist holds enough segments for a player to start.
  const deadline = Date.now() + 20_000 + minSegments * segmentSeconds * 1000;
  for (;;) {
    const file = join(dir, PLAYLIST);
    if (existsSync(file) && segmentsOf(readFileSync(file, "utf8")).length >= minSegments) break;
    if (ffmpeg.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`the live origin did not start: ${ffmpegLog || `ffmpeg exited with ${ffmpeg.exitCode}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, playlistUrl: `${url}/${PLAYLIST}`, addDateRange, liveEdge, close };
}

// From the shell (`make demo`): serve until Ctrl-C.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const origin = await startOrigin({ port: option("--port", 8081), maxSeconds: option("--max-seconds", 24 * 3600),
    log: (line) => console.log(line) });
  console.log(`live origin: ${origin.playlistUrl} (date ranges: POST ${origin.url}/dateranges)`);
  const stop = () => { origin.close().finally(() => process.exit(0)); };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
  // Never outlive whoever started it (`make demo`'s shell): an orphan is adopted by another.
  const parent = process.ppid;
  setInterval(() => { if (process.ppid !== parent) stop(); }, 1000).unref();
}
