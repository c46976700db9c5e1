// The lifetime and limits tests' page: loads the package like any host page and keeps what
// init() returns (the module's exports) to read the size of its memory. The tests build, drive
// and remove the players themselves; nothing here touches the element's internals.
import init from "/pkg/shoppable_video.js";

const exports = await init();
// The release package shortens its export names: the memory is the one export that is a Memory.
const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);

/** The size of the module's linear memory, in bytes (it only grows; freed space is reused). */
window.wasmBytes = () => memory.buffer.byteLength;

/** Resolves after `count` tasks (lets microtasks, finalizers and timers of earlier work run). */
window.tasks = async (count = 1) => {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => setTimeout(resolve));
};

window.testReady = true;
