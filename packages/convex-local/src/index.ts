export { startConvexLocal, VERSION, type ConvexLocal, type ConvexLocalOptions } from "./app.js";
