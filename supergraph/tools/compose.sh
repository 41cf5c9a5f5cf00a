#!/usr/bin/env bash
# Composes supergraph/supergraph.yaml with the Java composer (module supergraph/composition) and
# writes supergraph/supergraph.graphql and the API schema supergraph/schema.graphql.
# Usage: supergraph/tools/compose.sh [compose|verify]
#        supergraph/tools/compose.sh check [--operations <dir>] [--format text|json|markdown]
# compose writes both files, verify fails when they are stale, check classifies the API schema
# changes against the committed schema.graphql (acknowledgements: schema-acknowledgements.yaml).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -o -Dstyle.color=never -f supergraph/composition/pom.xml compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
java -cp "supergraph/composition/target/classes:$(cat supergraph/composition/target/classpath.txt)" \
  dev.junction.composition.ComposeMain "${1:-compose}" supergraph/supergraph.yaml "${@:2}"
