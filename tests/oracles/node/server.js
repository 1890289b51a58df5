// node-soap (npm `soap`) as a server: serves a WSDL's operations with canned answers on
// 127.0.0.1, on a free port, and reports every request it decoded.
//
//   node server.js WSDL PATH ANSWERS [soap12]
//
// With `soap12` node-soap writes SOAP 1.2 envelopes (its `forceSoap12Headers` option): without
// it, it answers every request in SOAP 1.1, a SOAP 1.2 one too (with the request's
// `application/soap+xml` content type echoed).
//
// ANSWERS is JSON: {"Operation": {"body": {...}, "headers": {...}, "namespace": NS}, or
// {"fault": {...}}, or {"error": "message"}}. An answer's `headers` are written as SOAP headers
// in `namespace` (node-soap's `server.addSoapHeader`); a `fault` is thrown as node-soap's
// `{Fault: ...}` (which node-soap answers with HTTP 200 unless the fault has a `statusCode`); an
// `error` is thrown as a JavaScript `Error`, which node-soap answers with HTTP 500 and a fault
// of its own. Object keys are written in the order given (node-soap does not reorder them to
// the schema's sequence), so answers list fields in schema order.
//
// Standard output: first {"port": N} once listening and the WSDL read, then one line per request:
// {"op": ..., "args": ..., "headers": ...} as node-soap decoded it. The server runs until
// killed, or until its standard input closes (so it never outlives the test that started it).
'use strict';

const fs = require('fs');
const http = require('http');
const soap = require('soap');

/** `value`, or null for undefined (which JSON leaves out). */
function orNull(value) {
  return value === undefined ? null : value;
}

function main() {
  const [wsdlPath, path, answersText, version] = process.argv.slice(2);
  if (!wsdlPath || !path || !answersText || (version !== undefined && version !== 'soap12')) {
    throw new Error('usage: node server.js WSDL PATH ANSWERS [soap12]');
  }
  const answers = JSON.parse(answersText);
  const wsdl = fs.readFileSync(wsdlPath, 'utf8');

  /** The handler of one operation: reports the request, then answers or throws the fault. */
  const operation = (op) => (args, _callback, headers) => {
    const request = { op, args: orNull(args), headers: orNull(headers) };
    process.stdout.write(JSON.stringify(request) + '\n');
    const answer = answers[op];
    if (!answer) {
      throw { Fault: { faultcode: 'soap:Server', faultstring: 'no canned answer for ' + op } };
    }
    if (answer.fault) {
      throw { Fault: answer.fault };
    }
    if (answer.error) {
      throw new Error(answer.error);
    }
    return answer.body;
  };
  // Any service, port and operation name of the WSDL finds its handler.
  const byName = (make) =>
    new Proxy({}, { get: (_, name) => (typeof name === 'string' ? make(name) : undefined) });
  const services = byName(() => byName(() => byName(operation)));

  const httpServer = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  httpServer.listen(0, '127.0.0.1', () => {
    const soapServer = soap.listen(httpServer, {
      path,
      services,
      xml: wsdl,
      // The base of the WSDL's relative imports (`schemaLocation`, `location`).
      uri: wsdlPath,
      forceSoap12Headers: version === 'soap12',
      // Called once the WSDL and the documents it imports are read, which it serves only then.
      callback: (err) => {
        if (err) {
          process.stderr.write('node-soap server cannot read ' + wsdlPath + ': ' + err + '\n');
          process.exit(1);
        }
        process.stdout.write(JSON.stringify({ port: httpServer.address().port }) + '\n');
      },
    });
    // The canned headers of the operation's answer, one `addSoapHeader` per namespace used.
    const namespaces = new Set(
      Object.values(answers)
        .filter((a) => a.headers)
        .map((a) => a.namespace),
    );
    for (const namespace of namespaces) {
      soapServer.addSoapHeader(
        (op) => {
          const answer = answers[op];
          return answer && answer.headers && answer.namespace === namespace ? answer.headers : {};
        },
        '',
        'h',
        namespace,
      );
    }
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

try {
  main();
} catch (err) {
  process.stderr.write('node-soap server failed: ' + (err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
}
