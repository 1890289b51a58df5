<?php
// PHP's SoapClient (ext/soap, the C SOAP stack PHP ships) as a client: loads a WSDL, sends the
// calls it reads on standard input to an endpoint, and prints what it decoded from each
// answer, as JSON.
//
//   php client.php WSDL ENDPOINT < calls.json
//
// Input: {"headers": [{"namespace": NS, "name": NAME, "value": ...}, ...],
//         "calls": [{"op": "lookup", "args": [7]}, ...]}: each call's parts in order (as
// SoapClient's __soapCall takes them; a document/literal wrapped operation takes one, its
// wrapper's children as an object); an object is sent as a struct, a list as an array. Every
// call carries every header (SoapClient's __setSoapHeaders). SoapClient uses the first SOAP
// port of the WSDL, sent to ENDPOINT. With "compression": "gzip" or "deflate", SoapClient
// compresses its requests that way (level 1) and accepts compressed answers
// (`SOAP_COMPRESSION_ACCEPT`, which sends `Accept-Encoding: gzip, deflate`).
// Output: one JSON array, an item per call, in order: {"result": ..., "headers": {NAME: ...}}
// for an answer (a struct as an object, several output parts as an object keyed by part name,
// the answer's SOAP headers by name; bytes that are not UTF-8 text as {"base64": ...}), or
// {"fault": {"code": ..., "string": ..., "detail": ...}} for a SOAP fault (its detail as
// SoapClient decoded it, by the WSDL's fault message where one matches, or null). Anything
// else ends the script with exit code 1 and the error on standard error.

declare(strict_types=1);

/** JSON objects (decoded as arrays) as stdClass, lists as arrays, recursively. */
function structs($value)
{
    if (!is_array($value)) {
        return $value;
    }
    $converted = array_map('structs', $value);
    return array_is_list($value) ? $converted : (object) $converted;
}

/** What SoapClient decoded, for JSON: strings that are not UTF-8 (base64Binary values) as
 * {"base64": ...}, recursively. */
function printable($value)
{
    if (is_string($value) && preg_match('//u', $value) !== 1) {
        return ['base64' => base64_encode($value)];
    }
    if (is_array($value)) {
        return array_map('printable', $value);
    }
    if (is_object($value)) {
        return (object) array_map('printable', get_object_vars($value));
    }
    return $value;
}

$wsdl = $argv[1];
$endpoint = $argv[2];
$input = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$options = [
    'location' => $endpoint,
    'exceptions' => true,
    'cache_wsdl' => WSDL_CACHE_NONE,
    'soap_version' => SOAP_1_1,
    // A repeated element is an array even when it occurs once.
    'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
];
$compression = ['gzip' => SOAP_COMPRESSION_GZIP, 'deflate' => SOAP_COMPRESSION_DEFLATE];
if (isset($input['compression'])) {
    // The low four bits are the level: 0 would leave requests uncompressed.
    $options['compression'] = SOAP_COMPRESSION_ACCEPT | $compression[$input['compression']] | 1;
}
$client = new SoapClient($wsdl, $options);
$headers = [];
foreach ($input['headers'] ?? [] as $header) {
    $headers[] = new SoapHeader($header['namespace'], $header['name'], structs($header['value']));
}
$client->__setSoapHeaders($headers);
$results = [];
foreach ($input['calls'] as $call) {
    try {
        $args = array_map('structs', $call['args']);
        $answerHeaders = [];
        $result = $client->__soapCall($call['op'], $args, null, null, $answerHeaders);
        $results[] = ['result' => printable($result), 'headers' => printable((object) $answerHeaders)];
    } catch (SoapFault $fault) {
        if ($fault->faultcode === 'HTTP') {
            // Not a SOAP fault: a transport error.
            fwrite(STDERR, "transport error: {$fault->getMessage()}\n");
            exit(1);
        }
        $results[] = ['fault' => [
            'code' => $fault->faultcode,
            'string' => $fault->faultstring,
            'detail' => isset($fault->detail) ? printable($fault->detail) : null,
        ]];
    }
}
echo json_encode($results, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE), "\n";
