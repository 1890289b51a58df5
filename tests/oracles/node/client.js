// node-soap (npm `soap`) as a client: loads a WSDL, sends the calls it reads on standard input
// to an endpoint, and prints what node-soap decoded from each answer, as JSON.
//
//   node client.js WSDL ENDPOINT < calls.json
//
// Input: {"soap12": false, "headers": [{"namespace": NS, "header": {Name: value}}, ...],
//         "calls": [{"op": "RefreshFolder", "args": {...}}, ...]}
// With "soap12": true node-soap sends SOAP 1.2 envelopes (its `forceSoap12Headers` option).
// With "service" and "port" the calls go through that port's binding (node-soap's
// `client[service][port][op]`); without them, through the first port of the first service.
// A call's "options" go to node-soap as the call's options (`forceMTOM`, `attachments`), an
// attachment's bytes given as "base64" instead of its `body`.
// Every call carries every header (node-soap's `client.addSoapHeader`, in that order).
// Output: one JSON array, an item per call, in order: {"body": ..., "headers": ...} for an
// answer (the body and the SOAP headers as node-soap decoded them, and "attachments":
// [{"headers": {...}, "base64": ...}] when the answer came as MTOM), or {"fault": ...,
// "status": N} for a SOAP fault (node-soap's `err.root.Envelope.Body.Fault`, the HTTP status).
// Anything else (a transport error, an answer node-soap cannot read) ends the script with
// exit code 1 and the error on standard error.
'use strict';

const soap = require('soap');

/** Reads standard input to its end. */
async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The function that calls `op`, on the port `service`/`port` when given: it returns a promise
 * of node-soap's `[body, rawResponse, headers, rawRequest, mtomAttachments]`. */
function operation(client, service, port, op) {
  if (!service && !port) {
    const method = client[op + 'Async'];
    if (typeof method !== 'function') {
      throw new Error('the WSDL has no operation ' + op);
    }
    return (args, options) => method.call(client, args, options);
  }
  const method = client[service] && client[service][port] && client[service][port][op];
  if (typeof method !== 'function') {
    throw new Error('the WSDL has no operation ' + op + ' on ' + service + '/' + port);
  }
  return (args, options) =>
    new Promise((resolve, reject) =>
      method(
        args,
        (err, body, raw, headers, request, attachments) =>
          err ? reject(err) : resolve([body, raw, headers, request, attachments]),
        options,
      ),
    );
}

/** node-soap's options for a call: the attachments' bytes from base64. */
function callOptions(options) {
  if (!options) {
    return undefined;
  }
  const attachments = (options.attachments || []).map(({ base64, ...attachment }) => ({
    ...attachment,
    body: Buffer.from(base64, 'base64'),
  }));
  return { ...options, attachments };
}

/** `value`, or null for undefined (which JSON leaves out). */
function orNull(value) {
  return value === undefined ? null : value;
}

/** Calls `op` with `args` and `options`; node-soap's reading of the answer or of the fault. */
async function call(client, input, { op, args, options }) {
  const method = operation(client, input.service, input.port, op);
  try {
    const [body, , headers, , attachments] = await method(args, callOptions(options));
    const answer = { body: orNull(body), headers: orNull(headers) };
    if (attachments) {
      answer.attachments = attachments.parts.map((part) => ({
        headers: part.headers,
        base64: part.body.toString('base64'),
      }));
    }
    return answer;
  } catch (err) {
    const fault = err && err.root && err.root.Envelope && err.root.Envelope.Body
      && err.root.Envelope.Body.Fault;
    if (!fault) {
      throw err;
    }
    return { fault, status: err.response ? err.response.status : null };
  }
}

async function main() {
  const [wsdl, endpoint] = process.argv.slice(2);
  if (!wsdl || !endpoint) {
    throw new Error('usage: node client.js WSDL ENDPOINT < calls.json');
  }
  const input = JSON.parse(await readInput());
  const client = await soap.createClientAsync(wsdl, {
    endpoint,
    forceSoap12Headers: Boolean(input.soap12),
    // Reads an MTOM answer's parts (the first is the envelope, the others its attachments).
    parseResponseAttachments: true,
  });
  for (const { namespace, header } of input.headers || []) {
    client.addSoapHeader(header, '', 'h', namespace);
  }
  const results = [];
  for (const request of input.calls) {
    results.push(await call(client, input, request));
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((err) => {
  process.stderr.write('node-soap client failed: ' + (err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
