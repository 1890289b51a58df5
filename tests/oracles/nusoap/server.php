<?php
// NuSOAP's server (`soap_server` with `configureWSDL`, `wsdl->addComplexType` and `register`, as
// NuSOAP services are written) as the router script of PHP's built-in web server:
//
//   php -S 127.0.0.1:PORT server.php
//
// NuSOAP writes its own WSDL of each service, at `PATH?wsdl`:
// - `/ledger` (service `NuLedger`, namespace `urn:nusoap:ledger`, rpc/encoded, NuSOAP's
//   default): `post(entry: Entry, copies: xsd:int)` answers two parts, `summary` and `entry`;
//   `Entry` is a struct of a string, a double, a boolean, a dateTime, a nested struct
//   (`Person`) and two SOAP-encoded arrays (`StringArray`, `PersonArray`, complex types
//   restricting `SOAP-ENC:Array`);
// - `/shelf` (service `NuShelf`, namespace `urn:nusoap:shelf`, document/literal: NuSOAP wraps
//   each operation's parameters in an element named after it): `shelve(book: Book, copies:
//   xsd:int)` answers `summary` and `book`; `Book` is a sequence of a string, an int, a double,
//   a boolean, a dateTime and a repeated `tag`; `count_books(books: BookArray)` answers `count` and
//   `titles` (`StringArray`): NuSOAP's WSDLs type arrays as `SOAP-ENC:Array` in literal
//   services too (`BookArray`, `StringArray`).
//
// Their answers are computed from what NuSOAP decoded (the rules are the tests' too):
// `post` answers the summary `LABEL x COPIES: N tags, M witnesses` and the entry `seen: LABEL`,
// its amount times COPIES, paid negated, the same dateTime, the owner a year older, the tags
// reversed and `ledger <&>` added, the witnesses reversed, each a year older; `shelve`
// answers the summary `TITLE x COPIES: N tags` and the book `seen: TITLE`, its pages and price
// times COPIES, available negated, the same dateTime, its tags reversed and `shelf <&>` added.
// `count_books` answers the number of books and their titles, each `TITLE (PAGES pages)`, in order.
// Fewer than one copy: a `Client` fault, `no copies <&>`, with the detail `copies: COPIES`.
//
// NuSOAP's quirks met here, worked around: it runs on PHP 8 only through `nusoap8.php` (its
// constructors are PHP 4's); it decodes a literal message without the schema's types, so that a
// boolean of `NuShelf` reaches the service as its text (`true`, `false`), and a literal
// `SOAP-ENC:Array` sent without its `SOAP-ENC:arrayType` as its items keyed by their element's
// name (`items`).

declare(strict_types=0);

require __DIR__ . '/nusoap8.php';

/** The XML Schema boolean `value` (PHP's bool, or its text: `true`, `1`, `false`, `0`) as
 * PHP's bool. */
function boolean($value)
{
    return $value === true || $value === 'true' || $value === '1' || $value === 1;
}

/** A refusal of fewer than one copy. */
function no_copies($copies)
{
    return new nusoap_fault('Client', '', 'no copies <&>', 'copies: ' . $copies);
}

/** `list` reversed, `added` appended: NuSOAP gives an empty array as null or ''. */
function reversed_with($list, $added)
{
    $list = is_array($list) ? array_reverse(array_values($list)) : [];
    $list[] = $added;
    return $list;
}

/** `person` a year older. */
function older($person)
{
    return ['name' => $person['name'], 'age' => $person['age'] + 1];
}

function post($entry, $copies)
{
    if ($copies < 1) {
        return no_copies($copies);
    }
    $tags = is_array($entry['tags']) ? $entry['tags'] : [];
    $witnesses = is_array($entry['witnesses']) ? $entry['witnesses'] : [];
    return [
        'summary' => sprintf('%s x %d: %d tags, %d witnesses', $entry['label'], $copies, count($tags), count($witnesses)),
        'entry' => [
            'label' => 'seen: ' . $entry['label'],
            'amount' => $entry['amount'] * $copies,
            'paid' => !boolean($entry['paid']),
            'when' => $entry['when'],
            'owner' => older($entry['owner']),
            'tags' => reversed_with($tags, 'ledger <&>'),
            'witnesses' => array_map('older', array_reverse($witnesses)),
        ],
    ];
}

function shelve($book, $copies)
{
    if ($copies < 1) {
        return no_copies($copies);
    }
    $tags = is_array($book['tag'] ?? null) ? $book['tag'] : (isset($book['tag']) ? [$book['tag']] : []);
    return [
        'summary' => sprintf('%s x %d: %d tags', $book['title'], $copies, count($tags)),
        'book' => [
            'title' => 'seen: ' . $book['title'],
            'pages' => $book['pages'] * $copies,
            'price' => $book['price'] * $copies,
            'available' => !boolean($book['available']),
            'published' => $book['published'],
            'tag' => reversed_with($tags, 'shelf <&>'),
        ],
    ];
}

/** NuSOAP's decoding of a literal `SOAP-ENC:Array`: a list when it came with its
 * `SOAP-ENC:arrayType`, else its items keyed by their element's name (`['item' => [...]]`, or
 * the one item itself), or '' when empty. */
function items($array)
{
    if (!is_array($array)) {
        return [];
    }
    if (array_is_list($array)) {
        return $array;
    }
    $items = $array['item'] ?? [];
    return is_array($items) && array_is_list($items) ? $items : [$items];
}

function count_books($books)
{
    $books = items($books);
    return [
        'count' => count($books),
        'titles' => array_map(fn($book) => "{$book['title']} ({$book['pages']} pages)", $books),
    ];
}

/** A SOAP-encoded array type of `items`. */
function add_encoded_array($server, $name, $items)
{
    $server->wsdl->addComplexType($name, 'complexType', 'array', '', 'SOAP-ENC:Array', [],
        [['ref' => 'SOAP-ENC:arrayType', 'wsdl:arrayType' => $items . '[]']], $items);
}

/** The rpc/encoded service `NuLedger`. */
function ledger_service()
{
    $server = new soap_server();
    // Its address: NuSOAP's, from `$_SERVER` (the request's path, under a router script).
    $server->configureWSDL('NuLedger', 'urn:nusoap:ledger');
    $server->wsdl->addComplexType('Person', 'complexType', 'struct', 'all', '', [
        'name' => ['name' => 'name', 'type' => 'xsd:string'],
        'age' => ['name' => 'age', 'type' => 'xsd:int'],
    ]);
    add_encoded_array($server, 'StringArray', 'xsd:string');
    add_encoded_array($server, 'PersonArray', 'tns:Person');
    $server->wsdl->addComplexType('Entry', 'complexType', 'struct', 'all', '', [
        'label' => ['name' => 'label', 'type' => 'xsd:string'],
        'amount' => ['name' => 'amount', 'type' => 'xsd:double'],
        'paid' => ['name' => 'paid', 'type' => 'xsd:boolean'],
        'when' => ['name' => 'when', 'type' => 'xsd:dateTime'],
        'owner' => ['name' => 'owner', 'type' => 'tns:Person'],
        'tags' => ['name' => 'tags', 'type' => 'tns:StringArray'],
        'witnesses' => ['name' => 'witnesses', 'type' => 'tns:PersonArray'],
    ]);
    $server->register('post',
        ['entry' => 'tns:Entry', 'copies' => 'xsd:int'],
        ['summary' => 'xsd:string', 'entry' => 'tns:Entry'],
        'urn:nusoap:ledger', 'urn:nusoap:ledger#post', 'rpc', 'encoded',
        'Posts an entry COPIES times.');
    return $server;
}

/** The document/literal service `NuShelf`. */
function shelf_service()
{
    $server = new soap_server();
    $server->configureWSDL('NuShelf', 'urn:nusoap:shelf', false, 'document');
    $server->wsdl->addComplexType('Book', 'complexType', 'struct', 'sequence', '', [
        'title' => ['name' => 'title', 'type' => 'xsd:string'],
        'pages' => ['name' => 'pages', 'type' => 'xsd:int'],
        'price' => ['name' => 'price', 'type' => 'xsd:double'],
        'available' => ['name' => 'available', 'type' => 'xsd:boolean'],
        'published' => ['name' => 'published', 'type' => 'xsd:dateTime'],
        'tag' => ['name' => 'tag', 'type' => 'xsd:string', 'minOccurs' => '0', 'maxOccurs' => 'unbounded'],
    ]);
    $server->register('shelve',
        ['book' => 'tns:Book', 'copies' => 'xsd:int'],
        ['summary' => 'xsd:string', 'book' => 'tns:Book'],
        'urn:nusoap:shelf', 'urn:nusoap:shelf#shelve', 'document', 'literal',
        'Shelves a book COPIES times.');
    add_encoded_array($server, 'BookArray', 'tns:Book');
    add_encoded_array($server, 'StringArray', 'xsd:string');
    $server->register('count_books',
        ['books' => 'tns:BookArray'],
        ['count' => 'xsd:int', 'titles' => 'tns:StringArray'],
        'urn:nusoap:shelf', 'urn:nusoap:shelf#count', 'document', 'literal',
        'Counts books.');
    return $server;
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$services = ['/ledger' => 'ledger_service', '/shelf' => 'shelf_service'];
if (!isset($services[$path])) {
    http_response_code(404);
    echo "no service at $path\n";
    return true;
}
$server = $services[$path]();
$server->service(file_get_contents('php://input'));
