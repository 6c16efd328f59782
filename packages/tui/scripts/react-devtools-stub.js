// Ink imports react-devtools-core only when DEV=true, but the bundler hoists that static import
// into the bundle's top: this stub stands in, so the bundle needs nothing outside itself.
export default { initialize() {}, connectToDevTools() {} };
