# syntax=docker/dockerfile:1
# Integriteitsbot: one process serving Slack, Teams, web chat, dashboard and health endpoints.
# No network is needed at run time: the index is built here, the embedding model is baked in or mounted.

ARG NODE_VERSION=20-bookworm-slim

FROM node:${NODE_VERSION} AS build
WORKDIR /app
# Toolchain for the native addons (hnswlib-node, better-sqlite3).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY ingest ./ingest
COPY prompts ./prompts
COPY config ./config
# Optional: bake in the embedding model (transformers.js layout: config.json, tokenizer*.json,
# onnx/model_quantized.onnx) from a folder in the build context, e.g.
#   docker build --build-arg MODEL_DIR=models/multilingual-e5-small .
# Without it the image serves the lexical and n-gram tiers; a model can also be mounted at run time.
ARG MODEL_DIR=
RUN --mount=type=bind,source=.,target=/ctx \
    if [ -n "$MODEL_DIR" ]; then mkdir -p /app/model && cp -r "/ctx/$MODEL_DIR/." /app/model/; fi
RUN if [ -d /app/model ]; then export EMBEDDING_MODEL=/app/model; fi \
 && npm run ingest -- --index /app/data/index \
 && npm prune --omit=dev

FROM node:${NODE_VERSION} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
# Set EMBEDDING_MODEL=/app/model when the model was baked in (or mount one and point at it).
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--import", "tsx", "bot/main.ts"]
