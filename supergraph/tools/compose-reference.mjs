#!/usr/bin/env node
// Composes supergraph/supergraph.yaml with @theguild/federation-composition (the reference
// composer) and writes supergraph/supergraph.graphql. The committed file is produced by the Java
// composer (supergraph/tools/compose.sh, module supergraph/composition), whose differential test
// compares both; keep this script to compare by hand. Usage (from the repo root):
//   (cd supergraph/gateway/e2e-tools && npm ci) && node supergraph/tools/compose-reference.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, "../gateway/e2e-tools/package.json"));
const { parse } = require("graphql");
const { composeServices, compositionHasErrors } = require("@theguild/federation-composition");

const root = resolve(here, "..");
const yaml = readFileSync(resolve(root, "supergraph.yaml"), "utf8");
const services = [];
let current = null;
for (const line of yaml.split("\n")) {
  const name = line.match(/^  ([a-z0-9_-]+):\s*$/);
  const url = line.match(/^    routing_url:\s*(\S+)/);
  const schema = line.match(/^    schema:\s*(\S+)/);
  if (name) services.push((current = { name: name[1] }));
  else if (url) current.url = url[1];
  else if (schema) current.typeDefs = parse(readFileSync(resolve(root, schema[1]), "utf8"));
}
const result = composeServices(services);
if (compositionHasErrors(result)) {
  for (const e of result.errors) console.error(`${e.extensions?.code ?? "ERROR"}: ${e.message}`);
  process.exit(1);
}
writeFileSync(resolve(root, "supergraph.graphql"), result.supergraphSdl.trimEnd() + "\n");
console.log(`composed ${services.length} subgraphs into supergraph/supergraph.graphql`);
