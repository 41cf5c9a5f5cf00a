#!/usr/bin/env node
// Reference side of the differential composition test (DifferentialCompositionTest).
// Usage: node compose-reference.mjs <modulesDir> <setsDir>
// Every <setsDir>/<set>/ holds subgraphs/<name>.graphql and urls.txt ("<name> <url>" lines).
// Writes <set>/reference.graphql on success, or <set>/reference.errors (one "CODE: message" a line).
import { readFileSync, readdirSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join, resolve, basename } from "node:path";
import { createRequire } from "node:module";

const [modulesDir, setsDir] = process.argv.slice(2);
const require = createRequire(resolve(modulesDir, "package.json"));
const { parse } = require("graphql");
const { composeServices, compositionHasErrors } = require("@theguild/federation-composition");

let count = 0;
for (const set of readdirSync(setsDir).sort()) {
  const dir = join(setsDir, set);
  if (!statSync(dir).isDirectory() || !existsSync(join(dir, "urls.txt"))) continue;
  const urls = Object.fromEntries(
    readFileSync(join(dir, "urls.txt"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/)),
  );
  let result;
  try {
    const services = readdirSync(join(dir, "subgraphs"))
      .filter((f) => f.endsWith(".graphql"))
      .sort()
      .map((f) => {
        const name = basename(f, ".graphql");
        return { name, url: urls[name], typeDefs: parse(readFileSync(join(dir, "subgraphs", f), "utf8")) };
      });
    result = composeServices(services);
  } catch (e) {
    result = { errors: [{ message: String(e.message), extensions: { code: "INVALID_GRAPHQL" } }] };
  }
  if (compositionHasErrors(result)) {
    const lines = result.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message.replace(/\n/g, " ")}`);
    writeFileSync(join(dir, "reference.errors"), lines.join("\n") + "\n");
  } else {
    writeFileSync(join(dir, "reference.graphql"), result.supergraphSdl.trimEnd() + "\n");
  }
  count++;
}
console.log(`composed ${count} sets`);
