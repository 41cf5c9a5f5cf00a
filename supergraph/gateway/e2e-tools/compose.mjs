#!/usr/bin/env node
// Composes the subgraph SDLs of gateway e2e cases into supergraph.graphql with
// @theguild/federation-composition (a real Federation composer, Fed 1 and Fed 2).
//
// Usage:
//   node compose.mjs <caseDir> [<caseDir> ...]   compose these cases
//   node compose.mjs --all [<e2eDir>]            compose every case under the e2e resources dir
//   node compose.mjs --check ...                 fail if a committed supergraph.graphql is stale
//
// Each case has subgraphs/<name>.graphql; the subgraph name is the file name, and its routing
// URL is http://<name>.fixture/graphql (the JUnit driver overrides it with the fixture server's
// URL by subgraph name).
import { readFileSync, readdirSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join, resolve, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "graphql";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";

const here = dirname(fileURLToPath(import.meta.url));
const defaultE2eDir = resolve(here, "../src/test/resources/e2e");

function composeCase(caseDir) {
  const subgraphDir = join(caseDir, "subgraphs");
  if (!existsSync(subgraphDir)) {
    throw new Error(`${caseDir}: no subgraphs/ directory`);
  }
  const files = readdirSync(subgraphDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort();
  if (files.length === 0) {
    throw new Error(`${caseDir}: no subgraphs/*.graphql`);
  }
  const services = files.map((file) => {
    const name = basename(file, ".graphql");
    const sdl = readFileSync(join(subgraphDir, file), "utf8");
    return { name, url: `http://${name}.fixture/graphql`, typeDefs: parse(sdl) };
  });
  const result = composeServices(services);
  if (compositionHasErrors(result)) {
    const messages = result.errors.map((e) => `  - ${e.extensions?.code ?? "ERROR"}: ${e.message}`);
    throw new Error(`${caseDir}: composition failed\n${messages.join("\n")}`);
  }
  return result.supergraphSdl.trimEnd() + "\n";
}

function caseDirs(e2eDir) {
  return readdirSync(e2eDir)
    .map((d) => join(e2eDir, d))
    .filter((d) => statSync(d).isDirectory() && existsSync(join(d, "subgraphs")))
    .sort();
}

function main(argv) {
  let check = false;
  let all = false;
  const dirs = [];
  for (const arg of argv) {
    if (arg === "--check") check = true;
    else if (arg === "--all") all = true;
    else dirs.push(resolve(arg));
  }
  const targets = all ? caseDirs(dirs[0] ?? defaultE2eDir) : dirs;
  if (targets.length === 0) {
    console.error("usage: node compose.mjs [--check] (--all [e2eDir] | <caseDir>...)");
    return 2;
  }
  let failed = 0;
  let stale = 0;
  for (const dir of targets) {
    const out = join(dir, "supergraph.graphql");
    try {
      const sdl = composeCase(dir);
      if (check) {
        const current = existsSync(out) ? readFileSync(out, "utf8") : "";
        if (current !== sdl) {
          stale++;
          console.error(`stale: ${out}`);
        }
      } else {
        writeFileSync(out, sdl);
        console.log(`composed ${basename(dir)}`);
      }
    } catch (e) {
      failed++;
      console.error(e.message);
    }
  }
  console.log(`${targets.length - failed - stale} passed, ${failed + stale} failed`);
  return failed + stale === 0 ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
