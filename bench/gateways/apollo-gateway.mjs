// Apollo Gateway (@apollo/gateway + @apollo/server standalone) for bench/run.sh.
// Usage: node apollo-gateway.mjs <supergraph.graphql> <port>
// run.sh starts it with the working directory bench/.work/node, where the pinned packages of
// package.json are installed; they are resolved from there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [supergraphPath, portArg] = process.argv.slice(2);
if (!supergraphPath || !portArg) {
  console.error('usage: node apollo-gateway.mjs <supergraph.graphql> <port>');
  process.exit(2);
}
// the packages live in the working directory's node_modules (bench/.work/node)
const require = createRequire(pathToFileURL(process.cwd() + '/').href);
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { ApolloServer } = await load('@apollo/server');
const { startStandaloneServer } = await load('@apollo/server/standalone');
const { ApolloGateway } = await load('@apollo/gateway');

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8') });
const server = new ApolloServer({ gateway, introspection: false, csrfPrevention: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(portArg) },
});
console.log(`apollo-gateway listening on ${url}`);
