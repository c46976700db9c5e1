// The end-to-end smoke (engines-helpers.mjs) in WebKitGTK (WebKitWebDriver; under Xvfb when there is no display).
// Run by `make test-webkit`, which installs the browser and its driver first; not part of the
// Chromium run of `node tests/e2e/run.mjs` without arguments.
import { engineSmoke } from "./engines-helpers.mjs";

engineSmoke("webkit");
