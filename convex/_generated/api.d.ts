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
import type * as account from "../account.js";
import type * as accountExport from "../accountExport.js";
import type * as apiKeys from "../apiKeys.js";
import type * as archival from "../archival.js";
import type * as collections from "../collections.js";
import type * as crons from "../crons.js";
import type * as email from "../email.js";
import type * as emailDelivery from "../emailDelivery.js";
import type * as generation from "../generation.js";
import type * as images from "../images.js";
import type * as jobs from "../jobs.js";
import type * as metrics from "../metrics.js";
import type * as model_accountDeletion from "../model/accountDeletion.js";
import type * as model_apiKeyRules from "../model/apiKeyRules.js";
import type * as model_auth from "../model/auth.js";
import type * as model_catalog from "../model/catalog.js";
import type * as model_collectionMembers from "../model/collectionMembers.js";
import type * as model_createJob from "../model/createJob.js";
import type * as model_creditAlerts from "../model/creditAlerts.js";
import type * as model_decode from "../model/decode.js";
import type * as model_email from "../model/email.js";
import type * as model_errors from "../model/errors.js";
import type * as model_exportArchive from "../model/exportArchive.js";
import type * as model_generationStats from "../model/generationStats.js";
import type * as model_imageDeletion from "../model/imageDeletion.js";
import type * as model_imageListing from "../model/imageListing.js";
import type * as model_inputs from "../model/inputs.js";
import type * as model_jobs from "../model/jobs.js";
import type * as model_libraryInputs from "../model/libraryInputs.js";
import type * as model_libraryRows from "../model/libraryRows.js";
import type * as model_libraryShapes from "../model/libraryShapes.js";
import type * as model_limits from "../model/limits.js";
import type * as model_modelTimings from "../model/modelTimings.js";
import type * as model_moderation from "../model/moderation.js";
import type * as model_moderationLog from "../model/moderationLog.js";
import type * as model_orderKeys from "../model/orderKeys.js";
import type * as model_ownership from "../model/ownership.js";
import type * as model_pagination from "../model/pagination.js";
import type * as model_partnerAccess from "../model/partnerAccess.js";
import type * as model_placeholder from "../model/placeholder.js";
import type * as model_presetInput from "../model/presetInput.js";
import type * as model_promptHistory from "../model/promptHistory.js";
import type * as model_queue from "../model/queue.js";
import type * as model_requestCounts from "../model/requestCounts.js";
import type * as model_s3 from "../model/s3.js";
import type * as model_s3Multipart from "../model/s3Multipart.js";
import type * as model_secrets from "../model/secrets.js";
import type * as model_usage from "../model/usage.js";
import type * as model_validators from "../model/validators.js";
import type * as model_webhookAddress from "../model/webhookAddress.js";
import type * as model_webhookEvents from "../model/webhookEvents.js";
import type * as models from "../models.js";
import type * as moderation from "../moderation.js";
import type * as partnerUsage from "../partnerUsage.js";
import type * as partners from "../partners.js";
import type * as presets from "../presets.js";
import type * as prompts from "../prompts.js";
import type * as providers_image_bytes from "../providers/image-bytes.js";
import type * as providers_image_size from "../providers/image-size.js";
import type * as providers_local from "../providers/local.js";
import type * as providers_openrouter_errors from "../providers/openrouter-errors.js";
import type * as providers_openrouter_models from "../providers/openrouter-models.js";
import type * as providers_openrouter from "../providers/openrouter.js";
import type * as providers_resilience from "../providers/resilience.js";
import type * as providers_types from "../providers/types.js";
import type * as usage from "../usage.js";
import type * as users from "../users.js";
import type * as webhookDelivery from "../webhookDelivery.js";
import type * as webhooks from "../webhooks.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  account: typeof account;
  accountExport: typeof accountExport;
  apiKeys: typeof apiKeys;
  archival: typeof archival;
  collections: typeof collections;
  crons: typeof crons;
  email: typeof email;
  emailDelivery: typeof emailDelivery;
  generation: typeof generation;
  images: typeof images;
  jobs: typeof jobs;
  metrics: typeof metrics;
  "model/accountDeletion": typeof model_accountDeletion;
  "model/apiKeyRules": typeof model_apiKeyRules;
  "model/auth": typeof model_auth;
  "model/catalog": typeof model_catalog;
  "model/collectionMembers": typeof model_collectionMembers;
  "model/createJob": typeof model_createJob;
  "model/creditAlerts": typeof model_creditAlerts;
  "model/decode": typeof model_decode;
  "model/email": typeof model_email;
  "model/errors": typeof model_errors;
  "model/exportArchive": typeof model_exportArchive;
  "model/generationStats": typeof model_generationStats;
  "model/imageDeletion": typeof model_imageDeletion;
  "model/imageListing": typeof model_imageListing;
  "model/inputs": typeof model_inputs;
  "model/jobs": typeof model_jobs;
  "model/libraryInputs": typeof model_libraryInputs;
  "model/libraryRows": typeof model_libraryRows;
  "model/libraryShapes": typeof model_libraryShapes;
  "model/limits": typeof model_limits;
  "model/modelTimings": typeof model_modelTimings;
  "model/moderation": typeof model_moderation;
  "model/moderationLog": typeof model_moderationLog;
  "model/orderKeys": typeof model_orderKeys;
  "model/ownership": typeof model_ownership;
  "model/pagination": typeof model_pagination;
  "model/partnerAccess": typeof model_partnerAccess;
  "model/placeholder": typeof model_placeholder;
  "model/presetInput": typeof model_presetInput;
  "model/promptHistory": typeof model_promptHistory;
  "model/queue": typeof model_queue;
  "model/requestCounts": typeof model_requestCounts;
  "model/s3": typeof model_s3;
  "model/s3Multipart": typeof model_s3Multipart;
  "model/secrets": typeof model_secrets;
  "model/usage": typeof model_usage;
  "model/validators": typeof model_validators;
  "model/webhookAddress": typeof model_webhookAddress;
  "model/webhookEvents": typeof model_webhookEvents;
  models: typeof models;
  moderation: typeof moderation;
  partnerUsage: typeof partnerUsage;
  partners: typeof partners;
  presets: typeof presets;
  prompts: typeof prompts;
  "providers/image-bytes": typeof providers_image_bytes;
  "providers/image-size": typeof providers_image_size;
  "providers/local": typeof providers_local;
  "providers/openrouter-errors": typeof providers_openrouter_errors;
  "providers/openrouter-models": typeof providers_openrouter_models;
  "providers/openrouter": typeof providers_openrouter;
  "providers/resilience": typeof providers_resilience;
  "providers/types": typeof providers_types;
  usage: typeof usage;
  users: typeof users;
  webhookDelivery: typeof webhookDelivery;
  webhooks: typeof webhooks;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
