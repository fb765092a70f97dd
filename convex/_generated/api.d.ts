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
import type * as generationNode from "../generationNode.js";
import type * as images from "../images.js";
import type * as inputs from "../inputs.js";
import type * as jobs from "../jobs.js";
import type * as lib_accountDeletion from "../lib/accountDeletion.js";
import type * as lib_apiKeyRules from "../lib/apiKeyRules.js";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_catalog from "../lib/catalog.js";
import type * as lib_collectionMembers from "../lib/collectionMembers.js";
import type * as lib_createComparison from "../lib/createComparison.js";
import type * as lib_createJob from "../lib/createJob.js";
import type * as lib_creditAlerts from "../lib/creditAlerts.js";
import type * as lib_decode from "../lib/decode.js";
import type * as lib_email from "../lib/email.js";
import type * as lib_errorReporting from "../lib/errorReporting.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_exportArchive from "../lib/exportArchive.js";
import type * as lib_generationStats from "../lib/generationStats.js";
import type * as lib_imageDeletion from "../lib/imageDeletion.js";
import type * as lib_imageListing from "../lib/imageListing.js";
import type * as lib_imageUrlInput from "../lib/imageUrlInput.js";
import type * as lib_inputs from "../lib/inputs.js";
import type * as lib_jobInput from "../lib/jobInput.js";
import type * as lib_jobShapes from "../lib/jobShapes.js";
import type * as lib_jobs from "../lib/jobs.js";
import type * as lib_libraryInputs from "../lib/libraryInputs.js";
import type * as lib_libraryRows from "../lib/libraryRows.js";
import type * as lib_libraryShapes from "../lib/libraryShapes.js";
import type * as lib_limits from "../lib/limits.js";
import type * as lib_lineage from "../lib/lineage.js";
import type * as lib_modelTimings from "../lib/modelTimings.js";
import type * as lib_moderation from "../lib/moderation.js";
import type * as lib_moderationLog from "../lib/moderationLog.js";
import type * as lib_orderKeys from "../lib/orderKeys.js";
import type * as lib_ownership from "../lib/ownership.js";
import type * as lib_pagination from "../lib/pagination.js";
import type * as lib_partnerAccess from "../lib/partnerAccess.js";
import type * as lib_placeholder from "../lib/placeholder.js";
import type * as lib_presetInput from "../lib/presetInput.js";
import type * as lib_promptHistory from "../lib/promptHistory.js";
import type * as lib_queue from "../lib/queue.js";
import type * as lib_requestCounts from "../lib/requestCounts.js";
import type * as lib_runJob from "../lib/runJob.js";
import type * as lib_s3 from "../lib/s3.js";
import type * as lib_s3Multipart from "../lib/s3Multipart.js";
import type * as lib_secrets from "../lib/secrets.js";
import type * as lib_usage from "../lib/usage.js";
import type * as lib_validators from "../lib/validators.js";
import type * as lib_viewShapes from "../lib/viewShapes.js";
import type * as lib_webhookAddress from "../lib/webhookAddress.js";
import type * as lib_webhookEvents from "../lib/webhookEvents.js";
import type * as metrics from "../metrics.js";
import type * as models from "../models.js";
import type * as moderation from "../moderation.js";
import type * as partnerUsage from "../partnerUsage.js";
import type * as partners from "../partners.js";
import type * as presets from "../presets.js";
import type * as prompts from "../prompts.js";
import type * as providers_image_bytes from "../providers/image-bytes.js";
import type * as providers_image_size from "../providers/image-size.js";
import type * as providers_local_input from "../providers/local-input.js";
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
  generationNode: typeof generationNode;
  images: typeof images;
  inputs: typeof inputs;
  jobs: typeof jobs;
  "lib/accountDeletion": typeof lib_accountDeletion;
  "lib/apiKeyRules": typeof lib_apiKeyRules;
  "lib/auth": typeof lib_auth;
  "lib/catalog": typeof lib_catalog;
  "lib/collectionMembers": typeof lib_collectionMembers;
  "lib/createComparison": typeof lib_createComparison;
  "lib/createJob": typeof lib_createJob;
  "lib/creditAlerts": typeof lib_creditAlerts;
  "lib/decode": typeof lib_decode;
  "lib/email": typeof lib_email;
  "lib/errorReporting": typeof lib_errorReporting;
  "lib/errors": typeof lib_errors;
  "lib/exportArchive": typeof lib_exportArchive;
  "lib/generationStats": typeof lib_generationStats;
  "lib/imageDeletion": typeof lib_imageDeletion;
  "lib/imageListing": typeof lib_imageListing;
  "lib/imageUrlInput": typeof lib_imageUrlInput;
  "lib/inputs": typeof lib_inputs;
  "lib/jobInput": typeof lib_jobInput;
  "lib/jobShapes": typeof lib_jobShapes;
  "lib/jobs": typeof lib_jobs;
  "lib/libraryInputs": typeof lib_libraryInputs;
  "lib/libraryRows": typeof lib_libraryRows;
  "lib/libraryShapes": typeof lib_libraryShapes;
  "lib/limits": typeof lib_limits;
  "lib/lineage": typeof lib_lineage;
  "lib/modelTimings": typeof lib_modelTimings;
  "lib/moderation": typeof lib_moderation;
  "lib/moderationLog": typeof lib_moderationLog;
  "lib/orderKeys": typeof lib_orderKeys;
  "lib/ownership": typeof lib_ownership;
  "lib/pagination": typeof lib_pagination;
  "lib/partnerAccess": typeof lib_partnerAccess;
  "lib/placeholder": typeof lib_placeholder;
  "lib/presetInput": typeof lib_presetInput;
  "lib/promptHistory": typeof lib_promptHistory;
  "lib/queue": typeof lib_queue;
  "lib/requestCounts": typeof lib_requestCounts;
  "lib/runJob": typeof lib_runJob;
  "lib/s3": typeof lib_s3;
  "lib/s3Multipart": typeof lib_s3Multipart;
  "lib/secrets": typeof lib_secrets;
  "lib/usage": typeof lib_usage;
  "lib/validators": typeof lib_validators;
  "lib/viewShapes": typeof lib_viewShapes;
  "lib/webhookAddress": typeof lib_webhookAddress;
  "lib/webhookEvents": typeof lib_webhookEvents;
  metrics: typeof metrics;
  models: typeof models;
  moderation: typeof moderation;
  partnerUsage: typeof partnerUsage;
  partners: typeof partners;
  presets: typeof presets;
  prompts: typeof prompts;
  "providers/image-bytes": typeof providers_image_bytes;
  "providers/image-size": typeof providers_image_size;
  "providers/local-input": typeof providers_local_input;
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
