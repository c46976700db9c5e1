// Serves the examples as a host's web server would: this folder at `/` (each app's page, its
// build, node_modules/shoppable-video for the plain page) and the sample clip and timeline of
// the repository's www/media/ at `/media/`. Answers HTTP Range requests (206), which a video
// needs to seek. `npm start` (or `node serve.mjs [port]`) prints each example's address;
// tests/e2e/hosts-*.test.mjs import `serve()`.
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, sep, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOTS = [["/media/", join(HERE, "..", "www", "media")], ["/", HERE]];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
  ".webm": "video/webm", ".mp4": "video/mp4", ".vtt": "text/vtt", ".svg": "image/svg+xml",
  ".map": "application/json", ".ico": "image/x-icon",
};

/** The file a URL path names under its root, or null (outside the roots, or missing). */
function resolve(pathname) {
  for (const [prefix, root] of ROOTS) {
    if (!pathname.startsWith(prefix)) continue;
    let file = normalize(join(root, decodeURIComponent(pathname.slice(prefix.length))));
    if (file !== root && !file.startsWith(root + sep)) return null;
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      return statSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  }
  return null;
}

function handle(request, response) {
  const { pathname } = new URL(request.url, "http://localhost");
  const file = resolve(pathname);
  if (!file || (request.method !== "GET" && request.method !== "HEAD")) {
    response.writeHead(file ? 405 : 404, { "content-type": "text/plain" }).end(file ? "method not allowed" : "not found");
    return;
  }
  const size = statSync(file).size;
  const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream", "accept-ranges": "bytes", "cache-control": "no-store" };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range || "");
  let start = 0, end = size - 1, status = 200;
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      response.writeHead(416, { "content-range": `bytes */${size}` }).end();
      return;
    }
    status = 206;
    headers["content-range"] = `bytes ${start}-${end}/${size}`;
  }
  headers["content-length"] = end - start + 1;
  response.writeHead(status, headers);
  if (request.method === "HEAD") response.end();
  else createReadStream(file, { start, end }).pipe(response);
}

/** Starts the server on 127.0.0.1 (`port` 0: a free one); resolves to { url, close() }. */
export async function serve({ port = 0 } = {}) {
  const server = createServer(handle);
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", done);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve({ port: Number(process.argv[2] || 8082) }); // beside `make demo` (8080, its live origin 8081)
  console.log(`examples on ${url}/ (Ctrl-C stops it), built with \`npm run build\`:`);
  for (const page of ["plain/", "react/dist/", "react/dist/render-first.html", "vue/dist/", "vite/dist/", "esbuild/", "webpack/"]) {
    console.log(`  ${url}/${page}`);
  }
}
