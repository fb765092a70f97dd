/**
 * The plain sentence for each error code in the page's language. Core's table (`errorCodeInfo`)
 * is English and shared with the backend; the elements show its sentences through `msg()` so a
 * German page says them in German. A code missing here (a new one in core) falls back to core's
 * English until it is added; `error-messages.test.ts` checks the English here matches core's.
 */
import { errorCodeInfo, type ErrorCode } from "@pixorly/core";
import { currentLocale, msg } from "./localize.js";
import { sourceLocale } from "./locale-codes.js";

function translated(code: ErrorCode): string | undefined {
  switch (code) {
    case "INVALID_ARGUMENT":
      return msg("Some of the request is not valid.");
    case "UNAUTHENTICATED":
      return msg("Please sign in to continue.");
    case "FORBIDDEN":
      return msg("You do not have permission to do that.");
    case "NOT_FOUND":
      return msg("We could not find what you asked for.");
    case "RATE_LIMITED":
      return msg("Too many requests. Please wait a moment and try again.");
    case "INSUFFICIENT_CREDITS":
      return msg("You do not have enough credits for this.");
    case "QUOTA_EXCEEDED":
      return msg("Your storage is full. Delete some images or upgrade your plan.");
    case "TOO_MANY_ACTIVE_JOBS":
      return msg("You have too many generations running. Wait for one to finish.");
    case "TRIAL_EXPIRED":
      return msg("Your free trial has ended. Upgrade to keep generating.");
    case "MONTHLY_LIMIT":
      return msg("Your plan allows no more generations this month.");
    case "PARTNER_QUOTA_EXCEEDED":
      return msg("This site's monthly generation quota is used up.");
    case "MODERATION_REJECTED":
      return msg("This prompt is not allowed by the content policy.");
    case "MODEL_UNAVAILABLE":
      return msg("This model is not available right now. Try another model.");
    case "PROVIDER_ERROR":
      return msg("The image provider failed. Your credits were refunded.");
    case "TIMEOUT":
      return msg("This took too long and was stopped. Your credits were refunded.");
    case "CONFLICT":
      return msg("This was changed at the same time elsewhere. Please try again.");
    case "INTERNAL":
      return msg("Something went wrong on our side. Please try again.");
    default:
      return undefined;
  }
}

/** The code's plain sentence in the page's language. */
export function codeMessage(code: ErrorCode): string {
  return translated(code) ?? errorCodeInfo[code].message;
}

/**
 * The sentence to show for an error the backend sent: its own message in English (those are
 * written for people and can be more precise), the code's translated sentence in another language.
 */
export function shownCodeMessage(code: ErrorCode, backendMessage: string | undefined): string {
  if (backendMessage && currentLocale() === sourceLocale) return backendMessage;
  return codeMessage(code);
}
