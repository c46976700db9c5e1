// The size ratchet (`make size-check`, part of `make test`): the bytes a viewer downloads, the
// pkg/ wasm + JS gzip -9 (tools/size.mjs), must not exceed the ceiling in tools/size-ceiling.json.
// Prints the breakdown, the ceiling and the distance to the goal; exits 1 above the ceiling.
// Size is deterministic for a given source and toolchain, so this check may fail the build.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageSizes } from "./size.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { gzipBytes: ceiling, goal } = JSON.parse(readFileSync(join(here, "size-ceiling.json"), "utf8"));
const rows = packageSizes(process.argv[2] || join(here, "..", "pkg"));
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const n = (v) => v.toLocaleString("en-US");

for (const row of rows) console.log(`  ${row.name.split("/").pop().padEnd(28)} ${n(row.gzip).padStart(9)} B gzip -9`);
const toGoal = total > goal ? `${n(total - goal)} B over the goal of ${n(goal)} B` : `${n(goal - total)} B under the goal of ${n(goal)} B`;
if (total > ceiling) {
  console.error(`size-check: FAIL: ${n(total)} B is ${n(total - ceiling)} B over the ceiling of ${n(ceiling)} B (tools/size-ceiling.json); ${toGoal}`);
  process.exit(1);
}
console.log(`size-check: ${n(total)} B, ${n(ceiling - total)} B under the ceiling of ${n(ceiling)} B; ${toGoal}`);
// A hint once the package has shrunk by a kilobyte or more below the ceiling's 2% margin.
if (ceiling > Math.ceil(total * 1.02) + 1024) {
  console.log(`size-check: the package shrank: lower gzipBytes in tools/size-ceiling.json to about ${n(Math.ceil(total * 1.02))}`);
}
