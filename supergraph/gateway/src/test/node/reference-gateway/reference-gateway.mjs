// The reference gateways of ReferenceGatewayDifferentialTest, @apollo/gateway and Hive Gateway
// (@graphql-hive/gateway-runtime, in process), driven over stdin/stdout so that one Node process
// serves every e2e case for both.
//
// Usage: node reference-gateway.mjs <dir with node_modules>
// Input: one JSON object per line: {id, gateway ("apollo" or "hive"), supergraph, query,
// operationName, variables, headers, propagate, introspection, subgraphTimeoutMs}. The
// supergraph's routing URLs already point at the case's fixture servers; `propagate` names the
// client headers copied to every subgraph request.
// Output: one JSON object per line: {id, status, body} or {id, failure}.
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [modulesDir] = process.argv.slice(2);
const require = createRequire(pathToFileURL(modulesDir + '/').href);
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { ApolloServer, HeaderMap } = await load('@apollo/server');
const { ApolloGateway, RemoteGraphQLDataSource } = await load('@apollo/gateway');
const { createGatewayRuntime } = await load('@graphql-hive/gateway-runtime');

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function runApollo(c) {
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

// Hive Gateway as its CLI (`hive-gateway supergraph <file>`) runs it, less what only changes
// responses by configuration: subgraph errors are forwarded as they come (no added
// DOWNSTREAM_SERVICE_ERROR code), errors are not masked (as the Apollo reference, which does not
// mask either), and the case's subgraph time-out is Hive's upstreamTimeout.
async function runHive(c) {
  const propagate = (c.propagate || []).map((h) => h.toLowerCase());
  const runtime = createGatewayRuntime({
    supergraph: c.supergraph,
    logging: false,
    maskedErrors: false,
    subgraphErrors: false,
    landingPage: false,
    graphiql: false,
    requestId: false,
    disableIntrospection: c.introspection === false,
    ...(c.subgraphTimeoutMs ? { upstreamTimeout: c.subgraphTimeoutMs } : {}),
    ...(propagate.length
      ? {
          propagateHeaders: {
            fromClientToSubgraphs({ request }) {
              const out = {};
              for (const name of propagate) {
                const value = request.headers.get(name);
                if (value !== null) out[name] = value;
              }
              return out;
            },
          },
        }
      : {}),
  });
  try {
    const headers = {};
    for (const [name, values] of Object.entries(c.headers || {})) {
      headers[name.toLowerCase()] = Array.isArray(values) ? values.join(', ') : String(values);
    }
    headers['content-type'] = 'application/json';
    // The GraphQL-over-HTTP media type: request errors are 4xx, as Junction and Apollo answer.
    headers['accept'] = 'application/graphql-response+json';
    const response = await runtime.fetch('http://localhost/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: c.query,
        operationName: c.operationName || undefined,
        variables: c.variables || {},
      }),
    });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { notJson: text };
    }
    return { id: c.id, status: response.status, body };
  } finally {
    await runtime[Symbol.asyncDispose]();
  }
}

const run = (c) => (c.gateway === 'hive' ? runHive(c) : runApollo(c));

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
