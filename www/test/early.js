// The element-before-init() test page: nothing is loaded until the test asks. `importPackage()`
// imports the package module without calling its init() (which defines the element).
window.importPackage = () => import("/pkg/shoppable_video.js");
window.testReady = true;
