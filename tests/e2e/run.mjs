// Runs every tests/e2e/*.test.mjs with node's test runner (one file at a time: 2 cores, one
// browser each), prints the spec report and a closing "N passed, N failed" line. Arguments pick
// files by part of their name. The other engines' files (engines-*.test.mjs: Firefox, WebKit)
// run only when named, as `make test-firefox` and `make test-webkit` do.
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { finished } from "node:stream/promises";
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".test.mjs"))
  .filter((name) => (only.length === 0 ? !name.startsWith("engines-") : only.some((pattern) => name.includes(pattern))))
  .sort()
  .map((name) => join(dir, name));

let passed = 0;
let failed = 0;
// A file that fails with no failing test of its own (it could not be loaded, or a hook threw)
// counts as one failure: a run whose files never ran must not pass.
const filesWithFailures = new Set();
let fileFailures = 0;
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on("test:pass", (event) => { if (isLeaf(event) && !event.skip) passed += 1; });
stream.on("test:fail", (event) => {
  if (isLeaf(event)) {
    failed += 1;
    filesWithFailures.add(event.file);
  } else if (isFile(event) && !filesWithFailures.has(event.file)) {
    fileFailures += 1;
  }
});
const report = stream.compose(spec);
report.pipe(process.stdout, { end: false });
await finished(report);

function isFile(event) {
  return (event.name || "").endsWith(".test.mjs") || (event.file && event.name === event.file);
}

// Suites and files are reported as tests too; count only the tests themselves.
function isLeaf(event) {
  return event.details?.type !== "suite" && !(event.name || "").endsWith(".test.mjs") && !(event.file && event.name === event.file);
}

failed += fileFailures;
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
