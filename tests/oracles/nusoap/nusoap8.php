<?php
// NuSOAP 0.9.5 (Debian's libnusoap-php, /usr/share/php/nusoap/nusoap.php) loaded so that it runs
// on PHP 8. NuSOAP's classes have PHP 4 constructors, methods named after their class
// (`function nusoap_server($wsdl = false)`, called up the chain as `parent::nusoap_base()`),
// which PHP 7 deprecated and PHP 8 no longer calls: as shipped, every NuSOAP object is left
// unconstructed (a `soap_server`'s WSDL serializes with a TypeError, a `nusoap_client` has no
// transport). This file reads NuSOAP's source and evaluates it with each such constructor
// renamed `__construct` (and the parents' constructors called by that name), the one change
// NuSOAP's PHP 7 forks make; nothing else of NuSOAP is touched. Its PHP 4-era code also
// draws PHP 8 warnings as it works (array offsets of `false`, arrays in its debug strings):
// silenced, as noise, not errors; fatal errors still end the program.

declare(strict_types=0);

error_reporting(E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED);

(function () {
    $path = stream_resolve_include_path('nusoap/nusoap.php');
    if ($path === false) {
        fwrite(STDERR, "nusoap/nusoap.php is not on PHP's include path (Debian's libnusoap-php)\n");
        exit(2);
    }
    $source = file_get_contents($path);
    preg_match_all('/^class\s+(\w+)/m', $source, $classes);
    foreach ($classes[1] as $class) {
        $source = preg_replace('/\bfunction\s+' . $class . '\s*\(/', 'function __construct(', $source);
        $source = str_replace('parent::' . $class . '(', 'parent::__construct(', $source);
    }
    // Marking a schema's import loaded, `fetchWSDL` reaches the schema through the list of
    // schemas of its namespace as if it were the schema (`$this->schemas[$ns]->imports`): an
    // error in PHP 8 (a warning before, which left the import unmarked, only `$imported_urls`
    // keeping it from being read twice), so that NuSOAP cannot load a WSDL whose schema imports
    // another by `schemaLocation`. The schema at hand, `$xs`, is marked instead.
    $source = str_replace(
        '$this->schemas[$ns]->imports[$ns2][$ii][\'loaded\'] = true;',
        '$xs->imports[$ns2][$ii][\'loaded\'] = true;',
        $source,
        $marked
    );
    if ($marked !== 1) {
        fwrite(STDERR, "nusoap8.php: NuSOAP's fetchWSDL is not the one of 0.9.5\n");
        exit(2);
    }
    eval('?>' . $source);
})();
