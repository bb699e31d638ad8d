# syntax=docker/dockerfile:1
# defect-predictor: the GitHub App. Build: docker build -t defect-predictor .
# Run:  docker run --env-file .env -p 3000:3000 -v defect-data:/app/data defect-predictor

ARG NODE_VERSION=20

# ---- build: compile TypeScript with the full dependency tree ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and tfjs-node build native code when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Optional native TF.js backends are not needed to compile (they load by name at run time).
RUN npm ci --omit=optional
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- production dependencies only, plus the native TF.js backend ----
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# tfjs-node and tfjs-node-gpu are optionalDependencies (they cannot build everywhere). This CPU image skips the
# optional ones, then installs tfjs-node itself so the backend choice (tfjs-node → wasm → cpu) finds the fast
# one; the build fails here, not at run time, when its native binding cannot load.
RUN npm ci --omit=dev --omit=optional \
 && npm install --omit=dev --no-save @tensorflow/tfjs-node@4.22.0 \
 && node -e "require('@tensorflow/tfjs-node')" \
 && npm cache clean --force

# ---- runtime ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    DEFECT_DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json app.yml ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node models ./models
COPY --chown=node:node schema ./schema
RUN mkdir -p /app/data && chown node:node /app/data
# The image's own non-root user (uid 1000).
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# Probot answers GET /ping with PONG once the server is up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/defect.js", "serve"]
