// Convex trusts two issuers (shared/ARCHITECTURE.md): the edge API's tokens
// and, when configured, Clerk. The edge API runs on 127.0.0.1:8787 offline.
const edgeIssuer = process.env.PIXORLY_EDGE_ISSUER ?? "http://127.0.0.1:8787";

export default {
  providers: [
    {
      type: "customJwt",
      issuer: edgeIssuer,
      jwks: `${edgeIssuer}/.well-known/jwks.json`,
      algorithm: "ES256",
      applicationID: process.env.PIXORLY_EDGE_AUDIENCE ?? "pixorly",
    },
    ...(process.env.CLERK_ISSUER_URL ? [{ domain: process.env.CLERK_ISSUER_URL, applicationID: "convex" }] : []),
  ],
};
