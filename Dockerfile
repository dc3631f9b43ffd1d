# Artemis node image: build the workspace, then keep only the CLI and its production
# dependencies. docs/operations.md ("Cluster") shows how to run it; docker-compose.yml runs three.

FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN npm install --global pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm --filter @artemis/cli... build \
 && pnpm --filter @artemis/cli deploy --prod --legacy /out

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out /app
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin artemis \
 && mkdir -p /data && chown artemis /data \
 && chmod +x /app/dist/bin.js \
 && ln -s /app/dist/bin.js /usr/local/bin/artemis
USER artemis
ENV ARTEMIS_DATA_DIR=/data
EXPOSE 8080
# Ready means UP in the cluster (bootstrapped) and the management database reachable.
HEALTHCHECK --interval=5s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ARTEMIS_PORT||8080)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["artemis"]
CMD ["server"]
