# syntax=docker/dockerfile:1
# realtime-gateway: build with the project's own Maven launcher, run the jar + lib/ on a JRE.
# Build context: the repository root (see compose.yaml).
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl realtime-gateway -am -DskipTests package

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app wya
WORKDIR /app
COPY --from=build --chown=wya /src/realtime-gateway/target/realtime-gateway.jar /app/
COPY --from=build --chown=wya /src/realtime-gateway/target/lib/ /app/lib/
USER wya
EXPOSE 8082
ENV GATEWAY_HTTP_PORT=8082 JAVA_OPTS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8082/health/ready >/dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/realtime-gateway.jar"]
