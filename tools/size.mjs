// Prints the bytes a viewer downloads: the pkg/ wasm and JS, raw and gzip -9.
// `--brief` prints one line (used after every build).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function packageSizes(dir = "pkg") {
  const files = ["shoppable_video_bg.wasm", "shoppable_video.js"];
  const snippets = join(dir, "snippets");
  if (existsSync(snippets)) {
    for (const entry of readdirSync(snippets, { recursive: true })) {
      if (String(entry).endsWith(".js")) files.push(join("snippets", String(entry)));
    }
  }
  return files.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = packageSizes();
  const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip }), { raw: 0, gzip: 0 });
  if (process.argv.includes("--brief")) {
    console.log(`pkg/: ${total.raw} B raw, ${total.gzip} B gzip -9 (wasm + JS)`);
  } else {
    for (const row of rows) console.log(`${row.name.padEnd(48)} ${String(row.raw).padStart(8)} B raw ${String(row.gzip).padStart(8)} B gzip`);
    console.log(`${"total".padEnd(48)} ${String(total.raw).padStart(8)} B raw ${String(total.gzip).padStart(8)} B gzip`);
  }
}
