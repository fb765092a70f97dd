/**
 * Calls into Convex. The edge API holds no business data: it asks Convex either as the caller
 * (`convexAs(token)`, so Convex decides what the caller may see) or as itself, with a service
 * token (`scp: ["service"]`) that only the `serviceQuery`/`serviceMutation` functions accept.
 */
import { ConvexHttpClient } from "convex/browser";
import type { FunctionReference, FunctionReturnType, OptionalRestArgs } from "convex/server";
import { ApiError } from "./errors";
import type { TokenService } from "./tokens";

/** What the edge API needs of a Convex client; `ConvexHttpClient` is one. */
export interface ConvexCaller {
  query<Q extends FunctionReference<"query">>(query: Q, ...args: OptionalRestArgs<Q>): Promise<FunctionReturnType<Q>>;
  mutation<M extends FunctionReference<"mutation">>(
    mutation: M,
    ...args: OptionalRestArgs<M>
  ): Promise<FunctionReturnType<M>>;
  action<A extends FunctionReference<"action">>(
    action: A,
    ...args: OptionalRestArgs<A>
  ): Promise<FunctionReturnType<A>>;
}

export type ConvexClientFactory = (options: { url: string; token?: string; fetch: typeof fetch }) => ConvexCaller;

export const createConvexHttpClient: ConvexClientFactory = ({ url, token, fetch }) =>
  new ConvexHttpClient(url, { logger: false, fetch, ...(token ? { auth: token } : {}) }) as ConvexCaller;

export const SERVICE_SUBJECT = "service:edge-api";
const SERVICE_TOKEN_TTL_SECONDS = 10 * 60;
/** Renew the service token this long before it expires, so no call carries an expiring token. */
const SERVICE_TOKEN_RENEW_MS = 60_000;

export class ConvexGateway {
  private serviceToken?: Promise<{ token: string; expiresAt: number }>;

  constructor(
    private readonly url: string,
    private readonly tokens: TokenService,
    private readonly factory: ConvexClientFactory,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number,
  ) {}

  /**
   * A client that acts as the holder of `token` (a user token we issued). When Convex refuses
   * the token itself (HTTP 401: expired, revoked, signed by a key it does not trust), the
   * caller gets a 401, not the 500 an unreadable client error would become.
   */
  convexAs(token: string): ConvexCaller {
    return this.factory({ url: this.url, token, fetch: this.callerFetch });
  }

  /**
   * A client that acts as the edge API itself (service scope). Convex refusing the service
   * token is our fault, never the caller's, so that stays an internal error.
   */
  async asService(): Promise<ConvexCaller> {
    return this.factory({ url: this.url, token: await this.currentServiceToken(), fetch: this.fetchFn });
  }

  private readonly callerFetch: typeof fetch = async (input, init) => {
    const response = await this.fetchFn(input, init);
    if (response.status === 401)
      throw new ApiError("UNAUTHENTICATED", "Convex refused this session's token; get a new one.");
    return response;
  };

  private async currentServiceToken(): Promise<string> {
    const cached = this.serviceToken ? await this.serviceToken.catch(() => null) : null;
    if (cached && cached.expiresAt - SERVICE_TOKEN_RENEW_MS > this.now()) return cached.token;
    this.serviceToken = this.tokens.signToken({
      sub: SERVICE_SUBJECT,
      scp: ["service"],
      ttlSeconds: SERVICE_TOKEN_TTL_SECONDS,
    });
    return (await this.serviceToken).token;
  }
}
