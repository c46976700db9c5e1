// The end-to-end smoke (engines-helpers.mjs) in Firefox ESR (geckodriver).
// Run by `make test-firefox`, which installs the browser and its driver first; not part of the
// Chromium run of `node tests/e2e/run.mjs` without arguments.
import { engineSmoke } from "./engines-helpers.mjs";

engineSmoke("firefox");
