/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as generation from "../generation.js";
import type * as jobs from "../jobs.js";
import type * as model_auth from "../model/auth.js";
import type * as model_catalog from "../model/catalog.js";
import type * as model_errors from "../model/errors.js";
import type * as model_moderation from "../model/moderation.js";
import type * as model_s3 from "../model/s3.js";
import type * as models from "../models.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  generation: typeof generation;
  jobs: typeof jobs;
  "model/auth": typeof model_auth;
  "model/catalog": typeof model_catalog;
  "model/errors": typeof model_errors;
  "model/moderation": typeof model_moderation;
  "model/s3": typeof model_s3;
  models: typeof models;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
