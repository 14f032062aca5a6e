# syntax=docker/dockerfile:1
#
# lessonbot: docker build -t lessonbot .
#   Slack/Discord:  docker run -d --init --env-file .env -p 3000:3000 -v lessonbot-data:/app/data lessonbot
#   local console:  docker run -it --rm lessonbot
# Runs as the unprivileged `node` user; SQLite state lives in the /app/data volume; the corpus is baked in.

# ---- build: production dependencies, better-sqlite3 compiled here ------------------------------
FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Compile better-sqlite3 against this image's Node instead of downloading a prebuilt binary
# (the only other install script, esbuild's, ignores this setting).
ENV npm_config_build_from_source=true
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: no compilers, no dev dependencies, not root --------------------------------------
FROM node:20-slim
ENV NODE_ENV=production \
    CORPUS_DIR=/app/corpus \
    DATABASE_PATH=/app/data/lessonbot.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY corpus ./corpus
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
# Healthy once the index is loaded (chat adapters only: the console serves no HTTP).
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
