/**
 * The events meant for the page's developer, typed once (issue 18): a problem (`pixorly-error`, from any
 * element, once per problem from the studio) and a session that could not be renewed.
 */

/** `pixorly-error`'s detail; codes in the README. `reason` is set for `IMAGE_UNAVAILABLE`. */
export interface PixorlyErrorDetail {
  code: string;
  message: string;
  reason?: string;
}

/** `pixorly-auth-expired`: no valid token could be had. */
export interface AuthExpiredDetail {
  state: "expired" | "failed";
  message: string;
}

export interface StudioEvents {
  "pixorly-error": CustomEvent<PixorlyErrorDetail>;
  "pixorly-auth-expired": CustomEvent<AuthExpiredDetail>;
}
