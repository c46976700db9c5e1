// A small static server for the end-to-end tests that need what http-server cannot give: response
// headers per page (a Content-Security-Policy for the Trusted Types test) and generated responses
// (documents of tens of MiB, with or without Content-Length, that are never written to disk).
// It serves www/ like http-server does for the tests: no caching, single HTTP Range requests
// answered with 206 (videos must be seekable), the content types the pages use.
import { createServer } from "node:http";
import { createReadStream, promises as fs } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { WWW } from "./element-helpers.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".webm": "video/webm",
  ".mp4": "video/mp4",
  ".vtt": "text/vtt; charset=utf-8",
  ".svg": "image/svg+xml",
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/mp2t",
};

/**
 * Serves www/ on 127.0.0.1 at a free port; resolves to { url, close() }.
 * - headers(pathname): extra response headers for a file (e.g. a CSP for one page), or undefined
 * - routes: { pathname: (request, response) => void } answered instead of a file
 */
export async function serveStatic({ headers = () => undefined, routes = {} } = {}) {
  const server = createServer((request, response) => {
    handle(request, response, headers, routes).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

async function handle(request, response, headers, routes) {
  const { pathname } = new URL(request.url, "http://localhost");
  if (Object.hasOwn(routes, pathname)) return routes[pathname](request, response);
  // The package is reachable at /pkg/ through the www/pkg link, as with `make demo`.
  const path = normalize(join(WWW, decodeURIComponent(pathname)));
  if (path !== WWW && !path.startsWith(WWW + sep)) return notFound(response);
  let file = path;
  let stat = await fs.stat(file).catch(() => null);
  if (stat?.isDirectory()) {
    file = join(file, "index.html");
    stat = await fs.stat(file).catch(() => null);
  }
  if (!stat?.isFile()) return notFound(response);
  const common = {
    "content-type": TYPES[extname(file)] || "application/octet-stream",
    "cache-control": "no-store",
    "accept-ranges": "bytes",
    ...headers(pathname),
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range || "");
  if (range && (range[1] !== "" || range[2] !== "")) {
    // bytes=a-b, bytes=a- or bytes=-n (the last n bytes).
    let start = range[1] === "" ? Math.max(0, stat.size - Number(range[2])) : Number(range[1]);
    let end = range[1] === "" || range[2] === "" ? stat.size - 1 : Math.min(Number(range[2]), stat.size - 1);
    if (start > end || start >= stat.size) {
      response.writeHead(416, { ...common, "content-range": `bytes */${stat.size}` });
      return response.end();
    }
    response.writeHead(206, { ...common, "content-length": end - start + 1, "content-range": `bytes ${start}-${end}/${stat.size}` });
    if (request.method === "HEAD") return response.end();
    return createReadStream(file, { start, end }).pipe(response);
  }
  response.writeHead(200, { ...common, "content-length": stat.size });
  if (request.method === "HEAD") return response.end();
  createReadStream(file).pipe(response);
}

function notFound(response) {
  response.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
  response.end("not found");
}
