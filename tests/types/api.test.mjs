// The one description of the public API (types/api.mjs) against what documents and implements
// it: docs/API.md documents every name in it, and every public name the element's runtime uses
// (src/web/names.rs, the part names of src/web/element.js) is in it, so the typings and the
// manifest made from it cannot miss one. Run by `make test-types`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as api from "../../types/api.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (path) => readFileSync(join(ROOT, path), "utf8");
const docs = read("docs/API.md");
const headings = new Set([...docs.matchAll(/^### `([^`(]+)/gm)].map((m) => m[1]));
const tableNames = new Set([...docs.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));

test("docs/API.md has a section for every function, attribute, property, method and event", () => {
  const names = [...api.functions, ...api.attributes, ...api.properties, ...api.methods, ...api.events].map((item) => item.name);
  assert.deepEqual(names.filter((name) => !headings.has(name)), []);
});

test("docs/API.md has a table row for every media attribute, part and CSS custom property", () => {
  const names = [...api.mediaAttributes, ...api.parts, ...api.cssProperties].map((item) => item.name);
  assert.deepEqual(names.filter((name) => !tableNames.has(name)), []);
});

test("docs/API.md documents nothing that is not in the API", () => {
  const known = new Set([...api.functions, ...api.attributes, ...api.properties, ...api.methods, ...api.events].map((item) => item.name));
  assert.deepEqual([...headings].filter((name) => !known.has(name)), []);
});

test("every attribute, event and error code the runtime names (src/web/names.rs) is in the API", () => {
  const names = read("src/web/names.rs");
  const block = (module) => names.match(new RegExp(`pub mod ${module} \\{([\\s\\S]*?)\\n\\}`))?.[1] ?? "";
  const strings = (text) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const attributes = new Set([...api.attributes, ...api.mediaAttributes].map((a) => a.name));
  assert.deepEqual(strings(block("attr")).filter((name) => !attributes.has(name)), []);
  const events = new Set(api.events.map((e) => e.name));
  assert.deepEqual(strings(block("event")).filter((name) => !events.has(name)), []);
  const codes = read("types/data.d.ts").match(/export type ShoppableErrorCode = ([^;]+);/)[1];
  assert.deepEqual(strings(block("error_code")).filter((code) => !codes.includes(`"${code}"`)), []);
});

test("every shadow part the runtime makes (src/web/names.rs, src/web/element.js) is in the API", () => {
  const fromRust = [...(read("src/web/names.rs").match(/pub mod part \{([\s\S]*?)\n\}/)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const fromMarkup = [...read("src/web/element.js").matchAll(/part="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/));
  const parts = new Set(api.parts.map((p) => p.name));
  assert.deepEqual([...new Set([...fromRust, ...fromMarkup])].filter((name) => !parts.has(name)), []);
});
