// The element-before-init() test page: nothing is loaded until the test asks. `importPackage()`
// imports the package module (which defines the element) without calling its init().
window.importPackage = () => import("/pkg/shoppable_video.js");
window.testReady = true;
