export { startConvexLocal, VERSION, type ConvexLocal, type ConvexLocalOptions } from "./app.js";
export { ADMIN_KEY_ENV, ADMIN_KEY_FILE, loadAdminKey } from "./admin-key.js";
