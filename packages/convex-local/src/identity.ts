/** The user identity a verified token gives `ctx.auth.getUserIdentity()`, as Convex builds it. */
import type { JWTPayload } from "jose";

export type UserIdentity = Record<string, unknown> & {
  tokenIdentifier: string;
  subject: string;
  issuer: string;
};

/** OIDC standard claims under the camelCase names Convex uses. */
const STANDARD_CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
/** Registered claims, and claims that would pose as the identity's own fields: never copied. */
const DROPPED_CLAIMS = new Set([
  "iss",
  "sub",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "tokenIdentifier",
  "subject",
  "issuer",
]);

export function identityFromClaims(payload: JWTPayload): UserIdentity {
  const extra: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(payload)) {
    if (DROPPED_CLAIMS.has(claim)) continue;
    const name = STANDARD_CLAIMS[claim] ?? claim;
    extra[name] = value;
  }
  // Identity fields come from iss and sub only, set last so nothing overwrites them.
  return {
    ...extra,
    tokenIdentifier: `${payload.iss}|${payload.sub}`,
    subject: String(payload.sub),
    issuer: String(payload.iss),
  };
}
