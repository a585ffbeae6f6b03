# syntax=docker/dockerfile:1

# ---- build: the Maven Wrapper on a Temurin 17 JDK ---------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
# gcc builds the JNI shim that gives randn the C library's log, as NumPy uses, and sets OpenBLAS to one thread (src/main/c/build.sh)
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
# dependencies first, in their own layer: a change to src/ does not download them again
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# the tests run in CI (./mvnw verify), not in the image build
RUN ./mvnw -B -q package -DskipTests
COPY docker/extract-layers.sh docker/extract-layers.sh
RUN docker/extract-layers.sh target/rnn-service.jar /workspace/extracted

# ---- run: the extracted layers and their CDS archive on a Temurin 17 JRE ----------------------------
FROM eclipse-temurin:17-jre
# curl for the health check; OpenBLAS for the BLAS kernel's native path (rnn.kernel=blas, BENCHMARKS.md)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl libopenblas0-pthread \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system rnn \
    && useradd --system --gid rnn --home-dir /app --no-create-home rnn
WORKDIR /app
# least-changing layers first
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
COPY --from=build /workspace/extracted/app/app.jsa ./app.jsa
USER rnn
EXPOSE 8080
# the heap follows the container's memory limit; the throughput collector, which does its work in pauses
# instead of beside the computation on the few cores a container has (BENCHMARKS.md: faster at mid and large)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC"
# six tries ten seconds apart give a cold start a minute (no --start-period: the linter predates it)
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-jar", "rnn-service.jar"]
