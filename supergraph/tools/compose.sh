#!/usr/bin/env bash
# Composes supergraph/supergraph.yaml with the Java composer (module supergraph/composition) and
# writes supergraph/supergraph.graphql and the API schema supergraph/schema.graphql.
# Usage (from anywhere): supergraph/tools/compose.sh [compose|verify]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -o -f supergraph/composition/pom.xml compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
java -cp "supergraph/composition/target/classes:$(cat supergraph/composition/target/classpath.txt)" \
  dev.junction.composition.ComposeMain "${1:-compose}" supergraph/supergraph.yaml
