// Drives a Corral server with the MCP TypeScript SDK v2 client (@modelcontextprotocol/client),
// run by TypeScriptClientIT. Prints one JSON object per step on stdout.
//
//   node drive.mjs NODE_MODULES ERA COMPONENT_ID (--url URL TOKEN | --stdio COMMAND ARG...)
//
// ERA is "modern" (pinned to MCP 2026-07-28: stateless, no fallback) or "legacy" (2025-11-25
// sessions). Steps: connect, tools/list, a call, a grant approved and one declined through
// elicitation (an input-required result and a retry in the modern era), and a call cancelled by
// the caller, followed by one more call.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [modules, era, componentId, how, ...rest] = process.argv.slice(2);
const sdk = await import(pathToFileURL(join(modules, '@modelcontextprotocol/client/dist/index.mjs')).href);

function print(step, value) {
  process.stdout.write(JSON.stringify({ step, ...value }) + '\n');
}

let transport;
if (how === '--url') {
  const [url, token] = rest;
  transport = new sdk.StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
} else {
  const stdio = await import(pathToFileURL(join(modules, '@modelcontextprotocol/client/dist/stdio.mjs')).href);
  const [command, ...args] = rest;
  transport = new stdio.StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
}

const client = new sdk.Client(
  { name: 'corral-ts-client-it', version: '1.0.0' },
  {
    capabilities: { elicitation: {} },
    versionNegotiation: { mode: era === 'modern' ? { pin: '2026-07-28' } : 'legacy' },
  },
);
let answer = 'accept';
const asked = [];
client.setRequestHandler('elicitation/create', async (request) => {
  asked.push(request.params.message);
  return answer === 'accept' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
});

await client.connect(transport);
print('connect', { protocolVersion: client.getNegotiatedProtocolVersion() ?? null });

const listed = await client.listTools();
print('list', { tools: listed.tools.map((t) => t.name) });

const sum = await client.callTool({ name: 'docs_adder_add_add', arguments: { x: 2, y: 40 } });
print('call', { structuredContent: sum.structuredContent, isError: sum.isError ?? false });

for (const [host, reply] of [['api.example.com', 'accept'], ['other.example.com', 'decline']]) {
  answer = reply;
  asked.length = 0;
  const granted = await client.callTool({
    name: 'grant-network-permission',
    arguments: { component_id: componentId, details: { host } },
  });
  print(`grant-${reply}`, { asked: [...asked], text: granted.content[0].text, isError: granted.isError ?? false });
}

const abort = new AbortController();
const started = Date.now();
setTimeout(() => abort.abort(new Error('the user pressed stop')), 3000);
try {
  await client.callTool({ name: 'run', arguments: { op: 'loop', arg: '' } }, { signal: abort.signal, timeout: 60000 });
  print('cancel', { outcome: 'finished' });
} catch (error) {
  print('cancel', { outcome: 'aborted', message: String(error.message), seconds: Math.round((Date.now() - started) / 1000) });
}

const echo = await client.callTool({ name: 'run', arguments: { op: 'echo', arg: 'still here' } });
print('after-cancel', { structuredContent: echo.structuredContent });

await client.close();
