// Keeps the exports of pkg/shoppable_video.js to the public API that types/api.mjs describes
// and the typings declare (`init` as the default export, `version`, which is added here). wasm-bindgen also exports
// the start function, `initSync` (and any Rust class): internal, and undeclared. Once
// unexported, terser drops what nothing else uses. Run by `make build` after wasm-bindgen and
// before terser; an export form it does not recognise stops the build, so a change in
// wasm-bindgen's output cannot go unnoticed.
import { readFileSync, writeFileSync } from "node:fs";
import { functions } from "../types/api.mjs";

const path = process.argv[2] || "pkg/shoppable_video.js";
const PUBLIC = new Set(functions.map((f) => f.export ?? f.name));
let js = readFileSync(path, "utf8");
const kept = [];

// `version()` is a constant of the build: written here from Cargo.toml's version, instead of a
// Wasm export that returns a string (its glue cost more than the function).
const version = readFileSync("Cargo.toml", "utf8").match(/^version = "([^"]*)"/m)?.[1];
if (!version || /^export function version\b/m.test(js)) {
  console.error("public-exports: Cargo.toml's version is missing, or wasm-bindgen exports version() itself");
  process.exit(1);
}
js += `\n/** The package's version. */\nexport function version() {\n  return ${JSON.stringify(version)};\n}\n`;

// `export class X {`, `export function start() {`: keep the declaration, drop `export`.
js = js.replace(/^export (class|function|async function|const|let) ([\w$]+)/gm, (whole, kind, name) => {
  if (!PUBLIC.has(name)) return `${kind} ${name}`;
  kept.push(name);
  return whole;
});
// `export { initSync, __wbg_init as default };`: keep the public names only.
js = js.replace(/^export \{([^}]*)\};?$/gm, (_, list) => {
  const entries = list.split(",").map((entry) => entry.trim()).filter(Boolean)
    .filter((entry) => PUBLIC.has(entry.split(/\s+as\s+/).pop()));
  kept.push(...entries.map((entry) => entry.split(/\s+as\s+/).pop()));
  return entries.length ? `export { ${entries.join(", ")} };` : "";
});

const unknown = js.match(/^export\b.*$/gm)?.filter((line) => !/^export (\{|function|class|async function|const|let) /.test(line)) ?? [];
if (unknown.length || [...PUBLIC].some((name) => !kept.includes(name)) || kept.length !== PUBLIC.size) {
  console.error(`public-exports: expected exactly ${[...PUBLIC].join(", ")}; kept ${kept.join(", ")}; unrecognised: ${unknown.join(" | ")}`);
  process.exit(1);
}
writeFileSync(path, js);
