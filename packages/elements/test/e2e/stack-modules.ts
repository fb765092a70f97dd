/**
 * The edge API's modules the stack plugin needs, loaded in ONE `tsImport` so they share one module
 * graph: `processInput` throws the same `InputRejection` class the app checks with `instanceof`
 * (separate imports would give each its own copy, and a refused upload would turn into a 500).
 */
export { startStack } from "../../../../edge-api/test/stack";
export { cloudFrontEnv, generateCloudFrontKeyPair } from "../../../../edge-api/src/cdn/key-pair";
export { transformImage } from "../../../../edge-api/src/cdn/transform";
export { processInput } from "../../../../edge-api/src/inputs/process-input";
