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
import type * as apiKeys from "../apiKeys.js";
import type * as crons from "../crons.js";
import type * as generation from "../generation.js";
import type * as images from "../images.js";
import type * as jobs from "../jobs.js";
import type * as metrics from "../metrics.js";
import type * as model_auth from "../model/auth.js";
import type * as model_catalog from "../model/catalog.js";
import type * as model_createJob from "../model/createJob.js";
import type * as model_decode from "../model/decode.js";
import type * as model_errors from "../model/errors.js";
import type * as model_inputs from "../model/inputs.js";
import type * as model_jobs from "../model/jobs.js";
import type * as model_moderation from "../model/moderation.js";
import type * as model_placeholder from "../model/placeholder.js";
import type * as model_queue from "../model/queue.js";
import type * as model_s3 from "../model/s3.js";
import type * as model_secrets from "../model/secrets.js";
import type * as model_validators from "../model/validators.js";
import type * as models from "../models.js";
import type * as partners from "../partners.js";
import type * as providers_image_bytes from "../providers/image-bytes.js";
import type * as providers_image_size from "../providers/image-size.js";
import type * as providers_local from "../providers/local.js";
import type * as providers_openrouter_errors from "../providers/openrouter-errors.js";
import type * as providers_openrouter_models from "../providers/openrouter-models.js";
import type * as providers_openrouter from "../providers/openrouter.js";
import type * as providers_resilience from "../providers/resilience.js";
import type * as providers_types from "../providers/types.js";
import type * as users from "../users.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  apiKeys: typeof apiKeys;
  crons: typeof crons;
  generation: typeof generation;
  images: typeof images;
  jobs: typeof jobs;
  metrics: typeof metrics;
  "model/auth": typeof model_auth;
  "model/catalog": typeof model_catalog;
  "model/createJob": typeof model_createJob;
  "model/decode": typeof model_decode;
  "model/errors": typeof model_errors;
  "model/inputs": typeof model_inputs;
  "model/jobs": typeof model_jobs;
  "model/moderation": typeof model_moderation;
  "model/placeholder": typeof model_placeholder;
  "model/queue": typeof model_queue;
  "model/s3": typeof model_s3;
  "model/secrets": typeof model_secrets;
  "model/validators": typeof model_validators;
  models: typeof models;
  partners: typeof partners;
  "providers/image-bytes": typeof providers_image_bytes;
  "providers/image-size": typeof providers_image_size;
  "providers/local": typeof providers_local;
  "providers/openrouter-errors": typeof providers_openrouter_errors;
  "providers/openrouter-models": typeof providers_openrouter_models;
  "providers/openrouter": typeof providers_openrouter;
  "providers/resilience": typeof providers_resilience;
  "providers/types": typeof providers_types;
  users: typeof users;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
