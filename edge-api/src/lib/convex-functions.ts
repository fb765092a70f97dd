/**
 * The Convex functions the edge API's own routes call, typed as CONTRACTS.md states them.
 * Named references keep the Worker bundle free of the `convex/` sources.
 */
import { api } from "./convex-api";

export interface PartnerInfo {
  partnerId: string;
  name: string;
  allowedOrigins: string[];
  allowedScopes: string[];
  plan: string;
  /** Goes into embed tokens as `pver`; the partner raises it to revoke every token issued before. */
  tokenVersion: number;
}

export const partnersAuthenticate = api.partners.authenticate;
export const partnersOrigins = api.partners.origins;
