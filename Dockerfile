# syntax=docker/dockerfile:1
# Build: the Maven Wrapper on a Temurin 17 JDK. Dependencies resolve in their own layer, so a change
# to src/ does not download them again. Tests run in CI (./mvnw verify), not in the image build.
FROM eclipse-temurin:17-jdk AS build
# gcc builds the JNI shim that gives randn the C library's log, as NumPy uses (src/main/c/build.sh).
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

# Run: the executable jar on a Temurin 17 JRE, as an unprivileged user, on port 8080.
FROM eclipse-temurin:17-jre
WORKDIR /app
RUN groupadd --system rnn && useradd --system --gid rnn --no-create-home rnn
COPY --from=build /workspace/target/rnn-service.jar app.jar
USER rnn
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
