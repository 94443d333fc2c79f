# syntax=docker/dockerfile:1
# social-node: build with the project's own Maven launcher, run the Quarkus fast-jar on a JRE.
# Build context: the repository root (see compose.yaml).
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl social-node -am -DskipTests package

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app wya
WORKDIR /app
COPY --from=build --chown=wya /src/social-node/target/quarkus-app/ /app/
COPY --from=build --chown=wya /src/social-node/jvm.options /app/jvm.options
USER wya
EXPOSE 8081
ENV QUARKUS_HTTP_HOST=0.0.0.0 QUARKUS_HTTP_PORT=8081 JAVA_OPTS="@/app/jvm.options"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8081/q/health/ready >/dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
