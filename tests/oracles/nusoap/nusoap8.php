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
    eval('?>' . $source);
})();
