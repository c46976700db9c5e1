// Makes the published typings and the Custom Elements Manifest from the one description of the
// public API (types/api.mjs, types/data.d.ts), so the two can never disagree. Pure functions of
// their inputs: tools/pkg-manifest.mjs writes their results into pkg/. tests/types type-checks
// this file (its JSDoc types) against the manifest schema's own TypeScript declarations.
import * as api from "../types/api.mjs";

/**
 * A `/** … *\/` comment of Markdown `text` and JSDoc `tags` ([name, text]), indented by `indent`.
 * @param {string} text @param {[string, string | null | undefined][]} [tags] @param {string} [indent]
 */
function comment(text, tags = [], indent = "") {
  const lines = text ? text.split("\n") : [];
  for (const [name, body] of tags) {
    if (body === undefined || body === null) continue;
    const [first, ...rest] = String(body).split("\n");
    lines.push(`@${name}${first ? " " + first : ""}`, ...rest);
  }
  const safe = lines.map((line) => line.replaceAll("*/", "*\\/"));
  return `${indent}/**\n${safe.map((line) => `${indent} *${line ? " " + line : ""}`).join("\n")}\n${indent} */\n`;
}

/** A JSDoc tag for `comment`: `@name body` (left out when `body` is empty). */
const tag = (/** @type {string} */ name, /** @type {string | null | undefined} */ body) => /** @type {[string, string | null | undefined]} */ ([name, body]);

/** An `@example` body: a fenced block in the member's language. */
const example = (/** @type {string | undefined} */ code, language = "js") => (code ? `\n\`\`\`${language}\n${code}\n\`\`\`` : undefined);

/** A property key as TypeScript writes it (quoted unless it is an identifier). */
const key = (/** @type {string} */ name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

const EVENT_NAMES = api.events.map((event) => event.name);

/** The element's members: properties (accessors where get and set differ), then methods. */
function elementMembers() {
  let out = "";
  for (const p of api.properties) {
    out += comment(p.description, [tag("defaultValue", p.default && `\`${p.default}\``), tag("example", example(p.example))], "  ");
    if (p.readonly) out += `  readonly ${p.name}: ${p.get};\n`;
    else if (p.set && p.set !== p.get) out += `  get ${p.name}(): ${p.get};\n  set ${p.name}(value: ${p.set});\n`;
    else out += `  ${p.name}: ${p.get};\n`;
  }
  for (const m of api.methods) {
    const params = m.parameters.map((q) => tag("param", `${q.name} ${q.description}`));
    out += comment(m.description, [...params, tag("throws", m.throws), tag("example", example(m.example))], "  ");
    out += `  ${m.name}(${m.parameters.map((q) => `${q.name}: ${q.type}`).join(", ")}): ${m.returns};\n`;
  }
  return out;
}

/**
 * `addEventListener` and `removeEventListener`, typed by `map`, for an interface `self`.
 * @param {string} self @param {string} map
 */
function listenerOverloads(self, map) {
  const typed = (/** @type {string} */ method, /** @type {string} */ options) =>
    `  ${method}<K extends keyof ${map}>(type: K, listener: (this: ${self}, event: ${map}[K]) => any, options?: boolean | ${options}): void;\n` +
    `  ${method}(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | ${options}): void;\n`;
  return typed("addEventListener", "AddEventListenerOptions") + typed("removeEventListener", "EventListenerOptions");
}

/** `tap-action` as Vue's template type-checker looks it up: `tapAction`. */
const camelize = (/** @type {string} */ name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/**
 * What markup, JSX or a Vue template may set: every attribute, and the properties a host sets.
 * `vue`: the interface for Vue's GlobalComponents, whose prop names vue-tsc looks up camelized
 * (the template still writes `tap-action`, which Vue sets as the attribute it is).
 */
function propsInterface(vue = false) {
  const settable = new Map(api.properties.filter((p) => !p.readonly).map((p) => [p.name, p]));
  let out = comment(
    "What JSX (React 19) or a Vue template may set on `<shoppable-video>`: its attributes, and the properties a host sets. " +
    "React 19 and Vue set a property when the element has it (after `init()`), else an attribute: render objects " +
    "(`timeline={object}`, `strings`) after `init()` has resolved, or pass `timeline` as a URL string.");
  if (vue) out = comment("`ShoppableVideoProps` as Vue's template type-checker (vue-tsc) reads them: hyphenated attributes camelized. In templates, write them as attributes: `tap-action=\"intent\"`.");
  out += `export interface ${vue ? "ShoppableVideoVueProps" : "ShoppableVideoProps"} {\n`;
  const name = (/** @type {string} */ attribute) => key(vue ? camelize(attribute) : attribute);
  for (const a of api.attributes) {
    const property = settable.get(a.property ?? "");
    out += comment(a.description, [tag("defaultValue", a.default && `\`"${a.default}"\``)], "  ");
    out += `  ${name(a.name)}?: ${property ? property.set : a.type};\n`;
  }
  for (const a of api.mediaAttributes) {
    out += comment(`${a.description} Passed to the \`<video>\` the element creates.`, [], "  ");
    out += `  ${name(a.name)}?: ${a.type};\n`;
  }
  const attributeNames = new Set(api.attributes.map((a) => a.property).filter(Boolean));
  for (const p of settable.values()) {
    if (attributeNames.has(p.name)) continue;
    out += comment(p.description.split(". ")[0] + ".", [], "  ");
    out += `  ${key(p.name)}?: ${p.set ?? p.get};\n`;
  }
  return out + "}\n";
}

/**
 * The `.d.ts` of pkg/shoppable_video.js: data types, module functions, element, globals, frameworks.
 * @param {string} dataTypes the text of types/data.d.ts @param {string} version the package's
 */
export function declarations(dataTypes, version) {
  const data = dataTypes.replace(/^(\/\/[^\n]*\n)+\n?/, "");
  let out = `// shoppable-video ${version}: TypeScript declarations of the public API. Generated from the\n` +
    `// project's types/ by tools/typings.mjs; see docs/API.md for the reference.\n\n`;
  // React's and Vue's types are optional: without them these imports are \`any\` and unused.
  out += `// @ts-ignore: React's types are optional (JSX declarations below)\nimport type * as React from "react";\n`;
  out += `// @ts-ignore: Vue's types are optional (GlobalComponents below)\nimport type * as Vue from "vue";\n\n`;
  out += data.trimEnd() + "\n\n";

  for (const f of api.functions) {
    const params = f.parameters.map((q) => `${q.name}${q.optional ? "?" : ""}: ${q.type}`).join(", ");
    out += comment(f.description, [...f.parameters.map((q) => tag("param", `${q.name} ${q.description}`)), tag("example", example(f.example))]);
    out += f.export === "default"
      ? `export default function ${f.name}(${params}): ${f.returns};\n\n`
      : `export function ${f.name}(${params}): ${f.returns};\n\n`;
  }

  out += comment("The events of `<shoppable-video>`: `CustomEvent`s that bubble and cross shadow roots, so `document` and `window` get them too. " +
    "Events caused by a host's call are dispatched after it returns; those caused by the viewer or by playback at once.");
  out += `export interface ShoppableVideoEventMap {\n`;
  for (const e of api.events) {
    out += comment(e.description, [tag("example", example(e.example))], "  ");
    out += `  ${key(e.name)}: CustomEvent<${e.detail}>;\n`;
  }
  out += `}\n\n`;
  out += comment("Every event an element `<shoppable-video>` may dispatch: an `HTMLElement`'s and its own.");
  out += `export interface ShoppableVideoElementEventMap extends HTMLElementEventMap, ShoppableVideoEventMap {}\n\n`;

  out += comment(`The \`<${api.TAG}>\` element: \`document.createElement("${api.TAG}")\` and \`document.querySelector("${api.TAG}")\` are typed as it.`);
  out += `export interface ${api.CLASS} extends HTMLElement {\n${elementMembers()}${listenerOverloads(api.CLASS, "ShoppableVideoElementEventMap")}}\n\n`;

  out += propsInterface() + "\n" + propsInterface(true) + "\n";
  out += comment("React 19 props: `ShoppableVideoProps`, and `on<event>` listeners named after the events (`onshoppable-intent`), which React 19 adds with `addEventListener`.");
  out += `export interface ShoppableVideoReactEvents {\n`;
  for (const e of EVENT_NAMES) out += `  ${key("on" + e)}?: (event: ShoppableVideoEventMap[${JSON.stringify(e)}]) => void;\n`;
  out += `}\n\n`;
  out += comment("The listeners a Vue template binds with `v-on` / `@` (`@shoppable-intent`).");
  out += `export type ShoppableVideoVueEmits = {\n`;
  for (const e of EVENT_NAMES) out += `  ${key(e)}: (event: ShoppableVideoEventMap[${JSON.stringify(e)}]) => void;\n`;
  out += `};\n\n`;

  out += `declare global {\n  interface HTMLElementTagNameMap {\n    ${key(api.TAG)}: ${api.CLASS};\n  }\n`;
  out += `  // The events bubble and are composed: listeners on document and window get them.\n`;
  out += `  interface DocumentEventMap extends ShoppableVideoEventMap {}\n  interface WindowEventMap extends ShoppableVideoEventMap {}\n}\n\n`;
  out += `// JSX of React 19 (\`jsx: "react-jsx"\`): <shoppable-video timeline={…} onshoppable-intent={…} />\n`;
  out += `declare module "react" {\n  namespace JSX {\n    interface IntrinsicElements {\n` +
    `      ${key(api.TAG)}: React.DetailedHTMLProps<React.HTMLAttributes<${api.CLASS}>, ${api.CLASS}> & ShoppableVideoProps & ShoppableVideoReactEvents;\n` +
    `    }\n  }\n}\n\n`;
  out += `// Vue 3 templates (vue-tsc / Volar): <shoppable-video :timeline="…" @shoppable-intent="…" />\n`;
  out += `declare module "vue" {\n  interface GlobalComponents {\n` +
    `    ${key(api.TAG)}: Vue.DefineComponent<ShoppableVideoVueProps, {}, {}, {}, {}, {}, {}, ShoppableVideoVueEmits>;\n  }\n}\n`;
  return out;
}

/** The typings of the `.wasm` subpath: what a bundler's asset import of it gives. */
export function wasmDeclarations() {
  return comment("The URL of the package's WebAssembly module, as a bundler's asset import gives it " +
    "(esbuild with `--loader:.wasm=file`, webpack 5 with `type: \"asset/resource\"`). Pass it to `init({ module_or_path })`.",
  [tag("example", example('import init from "shoppable-video";\nimport wasmUrl from "shoppable-video/shoppable_video_bg.wasm";\nawait init({ module_or_path: wasmUrl });'))]) +
    "declare const url: string;\nexport default url;\n";
}

/**
 * The Custom Elements Manifest (schema 2.1.0) of the package.
 * @returns {import("custom-elements-manifest").Package}
 */
export function manifest() {
  const type = (/** @type {string} */ text) => ({ text });
  const quoted = (/** @type {string | null | undefined} */ value) => (value ? JSON.stringify(value) : undefined);
  const fields = api.properties.map((p) => /** @type {import("custom-elements-manifest").CustomElementField} */ ({
    kind: "field",
    name: p.name,
    type: type(p.set && p.set !== p.get ? `${p.get} (set: ${p.set})` : p.get),
    description: p.description,
    ...(p.default ? { default: p.default } : {}),
    ...(p.readonly ? { readonly: true } : {}),
    ...(api.attributes.some((a) => a.property === p.name) ? { attribute: p.name } : {}),
    privacy: "public",
  }));
  const methods = api.methods.map((m) => /** @type {import("custom-elements-manifest").ClassMethod} */ ({
    kind: "method",
    name: m.name,
    description: m.description + (m.throws ? ` Throws ${m.throws}` : ""),
    parameters: m.parameters.map((q) => ({ name: q.name, type: type(q.type), description: q.description })),
    return: { type: type(m.returns) },
    privacy: "public",
  }));
  /** @type {import("custom-elements-manifest").CustomElementDeclaration} */
  const element = {
    kind: "class",
    customElement: true,
    tagName: api.TAG,
    name: api.CLASS,
    summary: "A video with timed, moving, tappable product hotspots, a product card and a shop rail, telling the page through DOM events that the viewer wants to buy.",
    description: "Defined by the module's `init()`. Uses a child `<video>` as it is, or creates one from its media attributes.",
    superclass: { name: "HTMLElement", package: "global:" },
    attributes: [
      ...api.attributes.map((a) => ({
        name: a.name, type: type(a.type), description: a.description,
        ...(a.default ? { default: quoted(a.default) } : {}), ...(a.property ? { fieldName: a.property } : {}),
      })),
      ...api.mediaAttributes.map((a) => ({ name: a.name, type: type(a.type), description: `${a.description} Passed to the \`<video>\` the element creates.` })),
    ],
    members: [...fields, ...methods],
    events: api.events.map((e) => ({ name: e.name, type: type(`CustomEvent<${e.detail}>`), description: e.description })),
    slots: api.slots.map((s) => ({ name: s.name, description: s.description })),
    cssParts: api.parts.map((p) => ({ name: p.name, description: p.description })),
    cssProperties: api.cssProperties.map((p) => ({ name: p.name, syntax: p.syntax, default: p.default, description: p.description })),
  };
  /** @type {import("custom-elements-manifest").Declaration[]} */
  const functions = api.functions.map((f) => ({
    kind: "function",
    name: f.name,
    description: f.description,
    parameters: f.parameters.map((q) => ({ name: q.name, type: type(q.type), description: q.description, ...(q.optional ? { optional: true } : {}) })),
    return: { type: type(f.returns) },
  }));
  const reference = (/** @type {string} */ name) => ({ name, module: api.MODULE });
  return {
    schemaVersion: "2.1.0",
    readme: "README.md",
    modules: [{
      kind: "javascript-module",
      path: api.MODULE,
      declarations: [...functions, element],
      exports: [
        ...api.functions.map((f) => /** @type {const} */ ({ kind: "js", name: f.export ?? f.name, declaration: reference(f.name) })),
        { kind: "custom-element-definition", name: api.TAG, declaration: reference(api.CLASS) },
      ],
    }],
  };
}
