// The reference gateway of ReferenceGatewayDifferentialTest: @apollo/gateway, driven over
// stdin/stdout so that one Node process serves every e2e case.
//
// Usage: node reference-gateway.mjs <dir with node_modules>
// Input: one JSON object per line: {id, supergraph, query, operationName, variables, headers,
// propagate}. The supergraph's routing URLs already point at the case's fixture servers;
// `propagate` names the client headers copied to every subgraph request.
// Output: one JSON object per line: {id, status, body} or {id, failure}.
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [modulesDir] = process.argv.slice(2);
const require = createRequire(pathToFileURL(modulesDir + '/').href);
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { ApolloServer, HeaderMap } = await load('@apollo/server');
const { ApolloGateway, RemoteGraphQLDataSource } = await load('@apollo/gateway');

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function run(c) {
  const propagate = (c.propagate || []).map((h) => h.toLowerCase());
  const gateway = new ApolloGateway({
    supergraphSdl: c.supergraph,
    logger: silent,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          for (const name of propagate) {
            const value = context.headers && context.headers[name];
            if (value !== undefined) {
              request.http.headers.set(name, value);
            }
          }
        },
      }),
  });
  const server = new ApolloServer({
    gateway,
    logger: silent,
    introspection: c.introspection !== false,
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  try {
    const headers = new HeaderMap();
    const flat = {};
    for (const [name, values] of Object.entries(c.headers || {})) {
      const value = Array.isArray(values) ? values.join(', ') : String(values);
      headers.set(name.toLowerCase(), value);
      flat[name.toLowerCase()] = value;
    }
    headers.set('content-type', 'application/json');
    const response = await server.executeOperation(
      { query: c.query, operationName: c.operationName || undefined, variables: c.variables || {} },
      { contextValue: { headers: flat } },
    );
    const body =
      response.body.kind === 'single' ? response.body.singleResult : { incremental: true };
    return { id: c.id, status: response.http.status || 200, body };
  } finally {
    await server.stop();
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let c;
  try {
    c = JSON.parse(line);
    process.stdout.write(JSON.stringify(await run(c)) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: c && c.id, failure: String(e && e.stack || e) }) + '\n');
  }
}
