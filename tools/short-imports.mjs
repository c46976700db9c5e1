// Shortens the names between the Wasm and its own glue, in pkg/shoppable_video_bg.wasm and
// pkg/shoppable_video.js alike: imports (`__wbg_setAttribute_f75317b2b5cabfb4` becomes `h`,
// the key of the glue's import object) and exports (`__wbindgen_start` or
// `wasm_bindgen__convert__closures_____invoke__h0ee4d05dea117fa5` becomes `A`, read by the
// glue as `wasm.A`). wasm-bindgen's names carry 16-digit hashes that do not compress, and each
// is written once in each file: about 3 KB gzip together. The import modules get one-letter
// names too (`./shoppable_video_bg.js` is written once per import), the glue's one namespace
// import per snippet function becomes one per snippet, and the functions element.js exports get
// short names (snippet-names.mjs). Run by `make build` after wasm-opt and before terser. An
// import key not found exactly once stops the build, so a change in wasm-bindgen's output cannot
// go unnoticed; an export named anywhere as a property or in a string, but as `wasm.name`, keeps
// its name. The typings follow (InitOutput in shoppable_video.d.ts); the raw module's
// own typings (shoppable_video_bg.wasm.d.ts), for bundlers that import the Wasm directly, are
// removed: the package is loaded through its glue.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { shortenExports } from "./snippet-names.mjs";

const GLUE_MODULE = "./shoppable_video_bg.js";
const [wasmPath, jsPath] = [process.argv[2] || "pkg/shoppable_video_bg.wasm", process.argv[3] || "pkg/shoppable_video.js"];
const typesPath = jsPath.replace(/\.js$/, ".d.ts");
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, "utf8");
// The typings describe the raw exports too (`InitOutput`, what init() resolves to).
let types = readFileSync(typesPath, "utf8");

function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}
const name = (text) => { const bytes = Buffer.from(text, "utf8"); return [...u32(bytes.length), ...bytes]; };

/** The short name of the n-th import or export: a letter, then base-36 digits (a JS identifier). */
const shortName = (n, letters) => `${letters[n % 26]}${n >= 26 ? Math.floor(n / 26).toString(36) : ""}`;
const escape = (text) => text.replace(/[$]/g, "\\$&");

/**
 * The short name of an import module, the key of the glue's import object: the glue module
 * (`./shoppable_video_bg.js`) and each snippet (`./snippets/shoppable-video-<hash>/src/web/element.js`)
 * are written once per import in the Wasm. wasm-bindgen also imports a snippet once per function
 * it calls directly (`import * as import1 ... import17` of the same file, each a key of the
 * import object): those become one namespace import under one key.
 */
const modules = new Map();
function shortModule(module) {
  if (!modules.has(module)) {
    const key = shortName(modules.size, "abcdefghijklmnopqrstuvwxyz");
    const entry = new RegExp(`\\n\\s*"${module.replace(/[.$/]/g, "\\$&")}"\\s*:\\s*(\\w+),?`, "g");
    const namespaces = [...js.matchAll(entry)].map((match) => match[1]);
    if (namespaces.length === 0) throw new Error(`${module}: no key in the import object of ${jsPath}`);
    // One entry and one namespace import per module, under its short key.
    let first = true;
    js = js.replace(entry, () => (first ? ((first = false), `\n        ${key}: ${namespaces[0]},`) : ""));
    for (const namespace of namespaces.slice(1)) {
      const line = new RegExp(`\\nimport \\* as ${namespace} from "[^"]*";?`);
      if (!line.test(js)) throw new Error(`${namespace}: no namespace import in ${jsPath}`);
      js = js.replace(line, "");
      if (new RegExp(`\\b${namespace}\\b`).test(js)) throw new Error(`${namespace}: still used in ${jsPath}`);
    }
    modules.set(module, key);
  }
  return modules.get(module);
}

/**
 * The snippets' exported functions get short names too (see snippet-names.mjs): in the snippet,
 * in the glue's named import of it (`short as name`, so the glue's code is unchanged), and as the
 * field of each Wasm import the glue hands over from the snippet's namespace.
 */
const snippetRenames = new Map();
for (const [, module] of js.matchAll(/from\s*["'](\.\/snippets\/[^"']+)["']/g)) {
  if (snippetRenames.has(module)) continue;
  const path = join(dirname(jsPath), module);
  const { source, renames } = shortenExports(readFileSync(path, "utf8"));
  writeFileSync(path, source);
  snippetRenames.set(module, renames);
  const quoted = module.replace(/[.$/]/g, "\\$&");
  js = js.replace(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*(["'])${quoted}\\2`, "g"), (whole, list, quote) => {
    const specifiers = list.split(",").map((entry) => entry.trim()).filter(Boolean).map((entry) => {
      const [exported, local = exported] = entry.split(/\s+as\s+/);
      if (!renames.has(exported)) throw new Error(`${exported}: imported by ${jsPath} but not a function ${module} exports`);
      return `${renames.get(exported)} as ${local}`;
    });
    return `import { ${specifiers.join(", ")} } from ${quote}${module}${quote}`;
  });
}

let at = 8;
const out = [wasm.subarray(0, 8)];
let renamed = 0;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = readU32(wasm, at + 1);
  const end = body + size;
  if (id === 7) {
    out.push(exportSection(body));
    at = end;
    continue;
  }
  if (id !== 2) {
    out.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: module name, field name, then the import's kind and type.
  let [count, p] = readU32(wasm, body);
  const section = [...u32(count)];
  for (let i = 0; i < count; i++) {
    const [moduleLength, m] = readU32(wasm, p);
    const module = wasm.subarray(m, m + moduleLength).toString("utf8");
    const [fieldLength, f] = readU32(wasm, m + moduleLength);
    const field = wasm.subarray(f, f + fieldLength).toString("utf8");
    p = f + fieldLength;
    const descStart = p;
    const kind = wasm[p++];
    if (kind === 0) [, p] = readU32(wasm, p); // function: type index
    else if (kind === 1) { p++; const [flags, q] = readU32(wasm, p); [, p] = readU32(wasm, q); if (flags & 1) [, p] = readU32(wasm, p); } // table
    else if (kind === 2) { const [flags, q] = readU32(wasm, p); [, p] = readU32(wasm, q); if (flags & 1) [, p] = readU32(wasm, p); } // memory
    else if (kind === 3) p += 2; // global: type, mutability
    else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
    let newField = field;
    const newModule = shortModule(module);
    if (snippetRenames.has(module)) {
      newField = snippetRenames.get(module).get(field);
      if (!newField) throw new Error(`${field}: imported by the Wasm but not a function ${module} exports`);
    }
    if (module === GLUE_MODULE) {
      newField = shortName(renamed++, "abcdefghijklmnopqrstuvwxyz");
      // The key in the glue's import object: `name: function(...)`, exactly once.
      const key = new RegExp(`(^|[\\s,{])${escape(field)}(\\s*:)`, "g");
      const found = js.match(key) || [];
      if (found.length !== 1) throw new Error(`${field}: found ${found.length} times in ${jsPath}, expected once`);
      js = js.replace(key, `$1${newField}$2`);
    }
    section.push(...name(newModule), ...name(newField), ...wasm.subarray(descStart, p));
  }
  out.push(Buffer.from([2, ...u32(section.length), ...section]));
  at = end;
}
/** The export section with every export the glue reads as `wasm.name` renamed. */
function exportSection(body) {
  let [count, p] = readU32(wasm, body);
  const section = [...u32(count)];
  let exported = 0;
  for (let i = 0; i < count; i++) {
    const [length, n] = readU32(wasm, p);
    const field = wasm.subarray(n, n + length).toString("utf8");
    p = n + length;
    const kind = wasm[p++];
    const indexStart = p;
    [, p] = readU32(wasm, p);
    const uses = new RegExp(`\\bwasm\\.${escape(field)}\\b`, "g");
    // Any other mention as a property or in a string could be this export: such an export keeps
    // its name. A bare identifier of the same name is the glue's own function (a closure's
    // `invoke`, `version`), which keeps its name (terser shortens it, or it is the package's export).
    const elsewhere = new RegExp(`[.'"\`\\[]${escape(field)}\\b|\\b${escape(field)}['"\`]`, "g");
    const used = (js.match(uses) || []).length;
    let newField = field;
    if (used > 0 && (js.match(elsewhere) || []).length === used) {
      newField = shortName(exported++, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
      js = js.replace(uses, `wasm.${newField}`);
      types = types.replace(new RegExp(`(readonly )${escape(field)}(:)`), `$1${newField}$2`);
    }
    section.push(...name(newField), kind, ...wasm.subarray(indexStart, p));
  }
  return Buffer.from([7, ...u32(section.length), ...section]);
}

writeFileSync(wasmPath, Buffer.concat(out));
writeFileSync(jsPath, js);
writeFileSync(typesPath, types);
rmSync(wasmPath.replace(/\.wasm$/, ".wasm.d.ts"), { force: true });
