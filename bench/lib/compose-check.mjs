// Composes the bench subgraphs' SDLs (bench/subgraphs/src/main/resources/<name>.graphql) with
// @theguild/federation-composition and compares the result with the benchmark's supergraph:
// every type, field, enum value and @join__* directive must be the same (order ignored).
// Usage (cwd = a dir whose node_modules has graphql and @theguild/federation-composition,
// e.g. bench/.work/node):  node bench/lib/compose-check.mjs <sdl dir> <supergraph.graphql>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [sdlDir, supergraphPath] = process.argv.slice(2);
if (!sdlDir || !supergraphPath) {
  console.error("usage: node compose-check.mjs <sdl dir> <supergraph.graphql>");
  process.exit(2);
}
const require = createRequire(pathToFileURL(process.cwd() + "/").href);
const { parse, print } = require("graphql");
const { composeServices, compositionHasErrors } = require("@theguild/federation-composition");

const services = ["accounts", "inventory", "products", "reviews"].map((name) => ({
  name,
  url: `http://127.0.0.1:14200/${name}`,
  typeDefs: parse(readFileSync(`${sdlDir}/${name}.graphql`, "utf8")),
}));
const composed = composeServices(services);
if (compositionHasErrors(composed)) {
  console.log("composition failed: " + composed.errors.map((e) => e.message).join("; "));
  process.exit(1);
}

const byText = (a, b) => print(a).localeCompare(print(b));
const byName = (a, b) => a.name.value.localeCompare(b.name.value);
// the schema's types as normalized one-line texts (fields, values and directives sorted)
function types(sdl) {
  return parse(sdl)
    .definitions.filter((d) => d.kind.endsWith("TypeDefinition") && d.name.value !== "link__Import")
    .map((d) => {
      const n = { ...d, directives: [...(d.directives || [])].sort(byText) };
      if (d.fields) {
        n.fields = d.fields
          .map((f) => ({ ...f, directives: [...(f.directives || [])].sort(byText) }))
          .sort(byName);
      }
      if (d.values) n.values = [...d.values].sort(byName);
      return print(n).replace(/\s+/g, " ");
    })
    .sort();
}

const reference = types(readFileSync(supergraphPath, "utf8"));
const ours = types(composed.supergraphSdl);
const diffs = [
  ...ours.filter((t) => !reference.includes(t)).map((t) => "only in the composition: " + t),
  ...reference.filter((t) => !ours.includes(t)).map((t) => "only in the supergraph: " + t),
];
if (diffs.length) {
  console.log(diffs.join("\n"));
  process.exit(1);
}
console.log("ok");
