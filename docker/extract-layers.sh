#!/usr/bin/env bash
# Turns the executable jar into the runtime image's layout: Spring Boot's layered extraction (dependencies
# apart from the application, so an image rebuild after a code change reuses the dependency layers) and a
# CDS archive made by a training run that starts the context and exits, which the start command then uses.
# The Dockerfile runs it; docker/check.sh runs it on this machine against the built jar.
# usage: extract-layers.sh JAR DESTINATION
set -euo pipefail
jar=$1 dest=$2
rm -rf "$dest"
java -Djarmode=tools -jar "$jar" extract --layers --destination "$dest"
# the layers are copied into one directory in the image; do the same here for the training run
mkdir -p "$dest/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  if [[ -d "$dest/$layer" ]]; then cp -r "$dest/$layer/." "$dest/app/"; fi
done
(cd "$dest/app" && java -XX:ArchiveClassesAtExit=app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -Dspring.context.exit=onRefresh \
  -Dlogging.level.root=WARN -jar rnn-service.jar)
test -s "$dest/app/app.jsa"
