# syntax=docker/dockerfile:1
# LeadRelay's image: the standalone Next output plus LeadRelay's bundled entry points (scripts/standalone.ts).
# web (default):  node leadrelay/web.mjs      applies migrations, then serves (and delivers) on $PORT
# worker:         node leadrelay/worker.mjs   a dispatcher alone
# migrations:     node leadrelay/migrate.mjs  applies migrations and exits (a release step)
# doctor:         node leadrelay/doctor.mjs   checks configuration and connectivity

# Dependencies, installed once per lockfile change (build tools only in this stage).
FROM node:20-bookworm-slim AS deps
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --no-audit --no-fund

# The build: `npm run build` runs next build, then bundles the entry points into .next/standalone.
FROM deps AS build
COPY . .
RUN npm run build

# The runtime: no compiler, no dev dependencies, no source; a non-root user.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
RUN groupadd --system --gid 1001 leadrelay && useradd --system --uid 1001 --gid leadrelay --no-create-home leadrelay
COPY --from=build --chown=leadrelay:leadrelay /src/.next/standalone ./
USER leadrelay
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "leadrelay/web.mjs"]
