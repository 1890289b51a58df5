<?php
// NuSOAP's client (`nusoap_client` in WSDL mode, as NuSOAP clients are written): loads a WSDL,
// sends the calls it reads on standard input to an endpoint by the WSDL's port PORT, and prints
// what it decoded from each answer, as JSON.
//
//   php client.php WSDL PORT ENDPOINT < calls.json
//
// Input: {"calls": [{"op": "lookup", "args": [7]}, ...]}: each call's parts in order (a
// document/literal operation takes one, its element's content), or by name (an object); an
// object is sent as a struct (PHP's associative array), a list as an array. With
// "escape": true, the first part, a string, is escaped first (see below). A WSDL given as a
// path is loaded as a file:// URL.
// Output: one JSON array, an item per call, in order: {"result": ...} for an answer (a struct
// as an object, several output parts as an object keyed by part name; NuSOAP decodes a value by
// its `xsi:type`, an int as a number, a boolean as true or false, and a literal value, which
// has none, as its text; an empty element as empty text, a nil one as null), or
// {"fault": {"code": ..., "string": ..., "detail": ...}} for a SOAP fault (its detail as
// NuSOAP decoded it, or null). Anything else (NuSOAP's error: a WSDL it could not read, a
// transport error) ends the program with exit code 1 and the error on standard error.
//
// With "charset": "ISO-8859-1", NuSOAP keeps its defaults, as most NuSOAP applications run
// it: it sends ISO-8859-1 (`soap_defencoding`), and decodes answers to ISO-8859-1 strings
// (`decode_utf8`); the program then converts the calls' strings to ISO-8859-1 and what NuSOAP
// decoded back to UTF-8. Otherwise NuSOAP is set to UTF-8 both ways, as NuSOAP's documentation
// advises for UTF-8 applications: with its defaults, PHP's UTF-8 strings would go out as
// ISO-8859-1, two characters for each beyond ASCII.
//
// NuSOAP's quirks met here, worked around: it runs on PHP 8 only through `nusoap8.php`; it
// resolves a schema's `schemaLocation` by the WSDL's URL (so a file:// one); it writes the body
// element of a simple type unescaped (so "escape"); it takes a one-way call's `202 Accepted`
// without a body for an error (read here as no answer).

declare(strict_types=0);

require __DIR__ . '/nusoap8.php';

[, $wsdl, $port, $endpoint] = $argv;
$input = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

// A local WSDL as a file:// URL: NuSOAP resolves a schema's relative `schemaLocation` against
// the WSDL's URL by its scheme and host, which a plain path has not.
if (parse_url($wsdl, PHP_URL_SCHEME) === null) {
    $wsdl = 'file://' . realpath($wsdl);
}
$client = new nusoap_client($wsdl, 'wsdl', false, false, false, false, 0, 30, $port);
$latin1 = ($input['charset'] ?? 'UTF-8') === 'ISO-8859-1';
if (!$latin1) {
    $client->soap_defencoding = 'UTF-8';
    $client->decode_utf8 = false;
}

/** Every string of `value` converted from the charset `from` to `to`, recursively. */
function converted($value, $from, $to)
{
    if (is_string($value)) {
        return iconv($from, $to, $value);
    }
    if (is_array($value)) {
        return array_map(fn($item) => converted($item, $from, $to), $value);
    }
    return $value;
}
if ($error = $client->getError()) {
    fwrite(STDERR, "NuSOAP could not load $wsdl: $error\n");
    exit(1);
}
$client->setEndpoint($endpoint);

$results = [];
foreach ($input['calls'] as $call) {
    $args = $latin1 ? converted($call['args'], 'UTF-8', 'ISO-8859-1') : $call['args'];
    if (($call['escape'] ?? false) && is_string($args[0] ?? null)) {
        // NuSOAP writes the body element of a simple type of a document/literal operation
        // with its text unescaped (`<query>a <&></query>`, not XML): escaped here.
        $args[0] = htmlspecialchars($args[0], ENT_NOQUOTES | ENT_XML1, 'UTF-8');
    }
    $result = $client->call($call['op'], $args);
    if ($latin1) {
        $result = converted($result, 'ISO-8859-1', 'UTF-8');
    }
    if ($client->fault) {
        $results[] = ['fault' => [
            'code' => $result['faultcode'] ?? null,
            'string' => $result['faultstring'] ?? null,
            'detail' => ($result['detail'] ?? '') === '' ? null : $result['detail'],
        ]];
    } elseif ($client->getError() && preg_match('#^HTTP/1\.[01] 202 #', $client->response)
        && str_ends_with($client->response, "\r\n\r\n")) {
        // A one-way call's `202 Accepted` without a body (WS-I Basic Profile R2714): NuSOAP
        // takes it for an error, "no data present after HTTP headers". No answer.
        $results[] = ['result' => null];
    } elseif ($error = $client->getError()) {
        fwrite(STDERR, "NuSOAP's call of {$call['op']} failed: $error\n{$client->request}\n{$client->response}\n");
        exit(1);
    } else {
        $results[] = ['result' => $result];
    }
}
echo json_encode($results, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION), "\n";
