<?php
// PHP's SoapServer (ext/soap) serving the corpus's `wsdl/rpc.wsdl` (`lookup` and `addItems`
// by its first port, the rpc/encoded `StoreEncoded` binding; `find` by the first binding that
// has it, `StoreDocument`, document/literal parts by type), as the router script of PHP's
// built-in web server:
//
//   SOAP_WSDL=.../rpc.wsdl php -S 127.0.0.1:PORT store_server.php
//
// Its answers are computed from what it decoded, so that a caller can check both directions:
// `lookup(id)` answers the item `{"name": "item ID <&>", "qty": 2 * ID, "note": "ünïcode"}` and
// a `Client` fault "no item < 0 & no <tag>" for a negative id; `addItems(label, items)` answers
// `total`, the sum of the items' `qty`, and `names`, "LABEL:NAME" per item, in order;
// `find(name, limit)` answers `count`, 2 × LIMIT, and `first`, the item
// `{"name": NAME, "qty": LIMIT, "note": "found <&>"}`.

declare(strict_types=1);

class Store
{
    public function lookup(int $id)
    {
        if ($id < 0) {
            throw new SoapFault('Client', 'no item < 0 & no <tag>');
        }
        return ['name' => "item {$id} <&>", 'qty' => 2 * $id, 'note' => 'ünïcode'];
    }

    public function addItems(string $label, $items)
    {
        $total = 0;
        $names = [];
        foreach ($items ?? [] as $item) {
            $total += $item->qty;
            $names[] = "{$label}:{$item->name}";
        }
        // Several output parts: an array keyed by part name.
        return ['total' => $total, 'names' => $names];
    }

    public function find(string $name, int $limit)
    {
        // Several output parts: an array keyed by part name.
        return [
            'count' => 2 * $limit,
            'first' => ['name' => $name, 'qty' => $limit, 'note' => 'found <&>'],
        ];
    }
}

$server = new SoapServer(getenv('SOAP_WSDL'), ['cache_wsdl' => WSDL_CACHE_NONE]);
$server->setClass('Store');
$server->handle();
