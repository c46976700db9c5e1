// Short names for the functions a wasm-bindgen snippet (src/web/element.js) exports to the Wasm
// and its glue: `appendRailItem` is written in the snippet, in the glue's import of it or in the
// Wasm's import section, each time in full; as `a2` it costs about 500 B gzip less over the
// three files. Used by short-imports.mjs (which owns the Wasm's import section and the glue).
//
// The snippet is renamed by its tokens, never by its text: an identifier that is an exported
// function's name becomes the short name, wherever it is code (the declaration, and calls inside
// the snippet), but not after `.` (a method of the same name, like a ResizeObserver's
// `disconnect`), not as an object key, and never inside a comment, a string or a template's
// text. Short names are chosen among names the snippet does not use. Anything the scanner does
// not understand stops the build.

/** The tokens of JavaScript source, enough to tell code identifiers from comments and strings. */
function* tokens(source) {
  let at = 0;
  const stack = []; // open template literals waiting for the `}` of a `${`, by brace depth
  let depth = 0;
  while (at < source.length) {
    const c = source[at];
    const start = at;
    if (c === "/" && source[at + 1] === "/") {
      at = source.indexOf("\n", at);
      if (at < 0) at = source.length;
      yield { kind: "comment", start, end: at };
    } else if (c === "/" && source[at + 1] === "*") {
      at = source.indexOf("*/", at + 2);
      if (at < 0) throw new Error("snippet-names: an unterminated comment");
      at += 2;
      yield { kind: "comment", start, end: at };
    } else if (c === '"' || c === "'") {
      at = skipString(source, at + 1, c);
      yield { kind: "string", start, end: at };
    } else if (c === "`" || (c === "}" && stack.length && stack[stack.length - 1] === depth)) {
      if (c === "}") stack.pop();
      // Template text up to its end or the next `${`.
      at++;
      for (;;) {
        if (at >= source.length) throw new Error("snippet-names: an unterminated template");
        if (source[at] === "\\") at += 2;
        else if (source[at] === "`") { at++; break; }
        else if (source[at] === "$" && source[at + 1] === "{") { at += 2; stack.push(depth); break; }
        else at++;
      }
      yield { kind: "string", start, end: at };
    } else if (/[A-Za-z_$]/.test(c)) {
      while (at < source.length && /[\w$]/.test(source[at])) at++;
      yield { kind: "identifier", start, end: at, text: source.slice(start, at) };
    } else if (c === "/" ) {
      // Division or a regular expression: the snippet is written without regular expressions.
      const before = source.slice(0, at).trimEnd().slice(-1);
      if (!/[\w$)\]]/.test(before)) throw new Error(`snippet-names: a regular expression at ${at}`);
      at++;
      yield { kind: "punctuation", start, end: at, text: c };
    } else {
      if (c === "{") depth++;
      if (c === "}") depth--;
      at++;
      yield { kind: /\s/.test(c) ? "space" : "punctuation", start, end: at, text: c };
    }
  }
}

function skipString(source, at, quote) {
  while (at < source.length && source[at] !== quote) {
    if (source[at] === "\n") throw new Error("snippet-names: a string across lines");
    at += source[at] === "\\" ? 2 : 1;
  }
  if (at >= source.length) throw new Error("snippet-names: an unterminated string");
  return at + 1;
}

/**
 * Renames the functions `source` exports (`export function name`, `export async function name`)
 * to short names; returns the new source and the map from each old name to its new one.
 */
export function shortenExports(source) {
  const all = [...tokens(source)];
  const code = all.filter((token) => token.kind !== "space" && token.kind !== "comment");
  const used = new Set(code.filter((token) => token.kind === "identifier").map((token) => token.text));
  const renames = new Map();
  let next = 0;
  const shortName = () => {
    for (;;) {
      const n = next++;
      const candidate = `${"abcdefghijklmnopqrstuvwxyz"[n % 26]}${n >= 26 ? Math.floor(n / 26).toString(36) : ""}`;
      if (!used.has(candidate)) return candidate;
    }
  };
  code.forEach((token, i) => {
    const word = (k) => code[k]?.kind === "identifier" && code[k].text;
    if (token.kind === "identifier" && word(i - 1) === "function"
      && (word(i - 2) === "export" || (word(i - 2) === "async" && word(i - 3) === "export"))) {
      renames.set(token.text, shortName());
    }
  });
  let out = "";
  let last = 0;
  code.forEach((token, i) => {
    if (token.kind !== "identifier" || !renames.has(token.text)) return;
    const previous = code[i - 1]?.text;
    const following = code[i + 1]?.text;
    if (previous === "." || previous === "#") return; // a property or a private name
    if (following === ":" && previous !== "?") {
      throw new Error(`snippet-names: ${token.text} is also an object key; give the key another name`);
    }
    if ((previous === "{" || previous === ",") && (following === "," || following === "}")) {
      throw new Error(`snippet-names: ${token.text} may be a shorthand property; write it out`);
    }
    out += source.slice(last, token.start) + renames.get(token.text);
    last = token.end;
  });
  out += source.slice(last);
  return { source: out, renames };
}
