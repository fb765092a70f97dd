# syntax=docker/dockerfile:1.7
# Pixorly's deployable images, from one multi-stage build:
#   docker build --target edge-api -t pixorly/edge-api .      the Hono edge API on Node (port 8787), non-root
#   docker build --target sites    -t pixorly/sites    .      the demo site and pixorly.js, static, non-root (port 8080)
# The backend is not here: it deploys to Convex (`npx convex deploy`) or runs in the self-hosted Convex image
# (docker-compose.yml). See docs/deployment.md.

ARG NODE_IMAGE=node:24-bookworm-slim

# ── 1. dependencies: the lockfile, exactly ───────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Workspace manifests first, so this layer is reused until a dependency changes.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/elements/package.json packages/elements/
COPY packages/convex-local/package.json packages/convex-local/
COPY packages/local-models/package.json packages/local-models/
COPY edge-api/package.json edge-api/
COPY demo/package.json demo/
# Nothing compiles: the native dependencies are prebuilt N-API packages, and convex-local uses node:sqlite.
RUN npm ci

# ── 2. build: the edge API as one JS file, pixorly.js, and the demo site ────────────────────────────────────
FROM deps AS build
COPY . .
# The sites are static: the URLs they talk to are fixed at build time.
ARG PIXORLY_CONVEX_URL=https://example.convex.cloud
ARG PIXORLY_API_URL=https://api.pixorly.example
# Clerk sign-in on the demo site (docs/deployment.md, "Clerk"); empty: no sign-in outside local mode.
ARG CLERK_PUBLISHABLE_KEY=
ENV PIXORLY_CONVEX_URL=${PIXORLY_CONVEX_URL} PIXORLY_API_URL=${PIXORLY_API_URL} CLERK_PUBLISHABLE_KEY=${CLERK_PUBLISHABLE_KEY}
RUN node scripts/build-edge.mjs \
 && npm run build --workspace @pixorly/elements \
 && npx vite build demo --outDir /app/site

# ── 3. runtime dependencies of the edge API only (no dev tools, no sources) ─────────────────────────────────
FROM ${NODE_IMAGE} AS edge-deps
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
COPY --from=deps /app/package.json /app/package-lock.json ./
COPY --from=deps /app/packages/core/package.json packages/core/
COPY --from=deps /app/edge-api/package.json edge-api/
RUN npm ci --omit=dev --workspace @pixorly/edge-api --include-workspace-root=false --ignore-scripts \
 && npm rebuild sharp

# ── 4. edge-api: what runs ──────────────────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS edge-api
WORKDIR /app
ENV NODE_ENV=production EDGE_API_HOST=0.0.0.0 EDGE_API_PORT=8787
COPY --from=edge-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/edge-api/dist ./edge-api/dist
COPY --from=build --chown=root:root /app/edge-api/package.json ./edge-api/package.json
# The code is root-owned and read-only to the process; it runs as the image's unprivileged `node` user.
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "edge-api/dist/node.mjs"]

# ── 5. sites: the demo and pixorly.js behind an unprivileged nginx ──────────────────────────────────────────
FROM nginxinc/nginx-unprivileged:1.29-alpine AS sites
COPY --from=build /app/site /usr/share/nginx/html
EXPOSE 8080
