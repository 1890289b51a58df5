#!/usr/bin/perl
# SOAP::Lite (1.27, Perl's classic SOAP stack) as a server: SOAP::Transport::HTTP::Daemon on
# 127.0.0.1 and a free port, serving two rpc/encoded contracts of the corpus by their wrappers'
# namespaces, written as SOAP::Lite services are, without their WSDLs:
# - `wsdl/rpc.wsdl`'s `Store` (namespace urn:example:rpc:ops): `addItems`, `lookup`;
# - `wsdl/ledger.wsdl`'s `Ledger` (namespace urn:example:ledger:ops): `post`.
#
#   perl server.pl
#
# Prints {"port": N} as its first line, then, for each request, what SOAP::Lite decoded of it as
# a JSON line ({"op": NAME, "args": [...]}), and answers it by the rules of the Rust side
# (`tests/corpus/tests/store_peer`, `oracle_perl_soap_lite.rs`), computed from what it decoded:
# - addItems(label, items): total (the sum of the quantities), names (`LABEL:NAME` of each);
# - lookup(id): item (`item ID <&>`, 2 x ID, the note `ünïcode`); a fault for a negative ID
#   (Client, `no item < 0 & no <tag>`, without a detail);
# - post(entry, copies): summary (`LABEL x COPIES: N tags, M witnesses`), entry (`seen: LABEL`,
#   the amount times COPIES, paid negated, the same dateTime, the owner a year older, the tags
#   reversed and `ledger <&>` added, the witnesses reversed, each a year older); the declared
#   fault `refused` for fewer than one copy (Server, detail `reason`: `no copies <&>`).
# Ends when its standard input closes.
#
# SOAP::Lite's quirks, worked around here (each marked QUIRK below):
# - its server refuses a request whose SOAPAction is not `"NAMESPACE#OPERATION"` of the wrapper's
#   namespace (here the WSDL's soapAction is `urn:example:rpc#lookup`, the wrapper's namespace
#   urn:example:rpc:ops): an `on_action` callback checks the WSDL's actions instead;
# - it types every string that is not ASCII as xsd:base64Binary (and sends it base64): every
#   string is typed as a string explicitly;
# - a value typed with a prefixed built-in type (`xsd:string`) is written without escaping
#   (`<&>` raw, XML that is not well-formed): built-in types are named unprefixed (`string`),
#   which SOAP::Lite escapes and writes as `xsd:string`;
# - an array of no items built from an empty list of values is left out altogether: an empty
#   array reference writes the empty array;
# - it types the items of an array by their values (`xsd:anyType[2]`) and a hash as an untyped
#   struct of its members in hash order: arrays and structs are built as SOAP::Data, typed as
#   the WSDL says, in the WSDL's order;
# - it blesses a decoded struct into a class named after its xsi:type: unblessed for JSON;
# - its daemon serves one connection at a time for as long as the client keeps it alive, so
#   that a client's second connection waits forever: one request per connection, then closed;
# - it decodes xsd:boolean as 1 or 0 (and nothing else is boolean in Perl): printed as JSON
#   true or false.
use strict;
use warnings;
use utf8;

use IO::Select;
use JSON::PP;
use SOAP::Lite;
use SOAP::Transport::HTTP;

my $JSON = JSON::PP->new->utf8->canonical;

# A decoded value as plain data for JSON (QUIRK: SOAP::Lite blesses a struct into a class
# named after its xsi:type, `Person=HASH`, which JSON::PP refuses).
sub plain {
    my ($value) = @_;
    return [ map { plain($_) } @$value ] if ref $value && $value =~ /ARRAY\(/;
    return { map { $_ => plain($value->{$_}) } keys %$value } if ref $value && $value =~ /HASH\(/;
    return $value;
}

# One request as a JSON line, for the test.
sub report {
    my ($op, @args) = @_;
    local $| = 1;
    print $JSON->encode({ op => $op, args => plain(\@args) }), "\n";
}

# A value typed as the WSDL says (QUIRK: SOAP::Lite's own typing would make non-ASCII text
# base64Binary).
sub typed {
    my ($name, $type, $value) = @_;
    return SOAP::Data->name($name)->type($type)->value($value);
}

# A SOAP-encoded array of ITEM_TYPE items, each a SOAP::Data (QUIRK: SOAP::Lite's own array
# is typed by its values, `xsd:anyType[N]` here).
sub array_of {
    my ($name, $item_type, @items) = @_;
    return SOAP::Data->name($name)->type('soapenc:Array')
      ->attr({ 'soapenc:arrayType' => $item_type . '[' . scalar(@items) . ']' })
      # QUIRK: an empty value list leaves the element out; an empty array reference does not.
      ->value(@items ? \SOAP::Data->value(@items) : []);
}

# A struct of type TYPE, its members (SOAP::Data) in the WSDL's order (QUIRK: a hash goes out
# in hash order, untyped).
sub struct_of {
    my ($name, $type, @members) = @_;
    return SOAP::Data->name($name)->type($type)->value(\SOAP::Data->value(@members));
}

# SOAP::Lite decodes an empty encoded array as undef, and an array as an array reference.
sub list { my ($value) = @_; return ref $value eq 'ARRAY' ? @$value : () }

package Store;

sub addItems {
    my ($class, $label, $items) = @_;
    my @items = main::list($items);
    main::report('addItems', $label, \@items);
    my $total = 0;
    $total += $_->{qty} for @items;
    return (
        main::typed(total => 'int',$total),
        main::array_of(
            'names', 'xsd:string',
            map { main::typed(item => 'string', "$label:$_->{name}") } @items
        ),
    );
}

sub lookup {
    my ($class, $id) = @_;
    main::report('lookup', $id + 0);
    die SOAP::Fault->faultcode('Client')->faultstring('no item < 0 & no <tag>') if $id < 0;
    return main::struct_of(
        'item', 'ns:Item',
        main::typed(name => 'string', "item $id <&>"),
        main::typed(qty  => 'int',   $id * 2),
        main::typed(note => 'string', 'ünïcode'),
    );
}

package Ledger;

sub person {
    my ($name, $person, $older) = @_;
    return main::struct_of(
        $name, 'ledger:Person',
        main::typed(name => 'string', $person->{name}),
        main::typed(age  => 'int',   $person->{age} + $older),
    );
}

sub post {
    my ($class, $entry, $copies) = @_;
    my @tags      = main::list($entry->{tags});
    my @witnesses = main::list($entry->{witnesses});
    # QUIRK: xsd:boolean decodes as 1 or 0.
    my $paid = $entry->{paid} ? JSON::PP::true : JSON::PP::false;
    main::report('post', { %$entry, paid => $paid, tags => \@tags, witnesses => \@witnesses },
        $copies + 0);
    if ($copies < 1) {
        die SOAP::Fault->faultcode('Server')->faultstring('no copies <&>')
          ->faultdetail(SOAP::Data->name('reason')->uri('urn:example:ledger:ops')
              ->type('string')->value('no copies <&>'));
    }
    my $summary = sprintf '%s x %d: %d tags, %d witnesses', $entry->{label}, $copies,
      scalar(@tags), scalar(@witnesses);
    return (
        main::typed(summary => 'string', $summary),
        main::struct_of(
            'entry', 'ledger:Entry',
            main::typed(label  => 'string',   "seen: $entry->{label}"),
            main::typed(amount => 'double',  $entry->{amount} * $copies),
            main::typed(paid   => 'boolean', $paid ? 'false' : 'true'),
            main::typed(when   => 'dateTime',$entry->{when}),
            person('owner', $entry->{owner}, 1),
            main::array_of(
                'tags', 'xsd:string',
                map { main::typed(item => 'string', $_) } reverse(@tags), 'ledger <&>'
            ),
            main::array_of('witnesses', 'ledger:Person',
                map { person('item', $_, 1) } reverse @witnesses),
        ),
    );
}

package main;

my %ACTIONS = ('urn:example:rpc:ops' => 'urn:example:rpc', 'urn:example:ledger:ops' => 'urn:example:ledger');

my $daemon = SOAP::Transport::HTTP::Daemon->new(LocalAddr => '127.0.0.1', LocalPort => 0, Reuse => 1)
  # QUIRK: by default the SOAPAction must be "URI#METHOD", URI the wrapper's namespace.
  ->on_action(sub {
      my ($action, $uri, $method) = @_;
      my $expected = '"' . ($ACTIONS{$uri} // '') . "#$method\"";
      die "SOAPAction $action, expected $expected\n" unless $action eq $expected;
  })
  ->dispatch_with({ 'urn:example:rpc:ops' => 'Store', 'urn:example:ledger:ops' => 'Ledger' });
$daemon->serializer->register_ns('urn:example:rpc', 'ns');
$daemon->serializer->register_ns('urn:example:ledger', 'ledger');

{
    local $| = 1;
    print $JSON->encode({ port => 0 + $daemon->sockport }), "\n";
}

# Each connection served in turn, until standard input closes (the test ends): no process is
# left behind whichever way the test ends.
# (The daemon's HTTP::Daemon, the socket, is what SOAP::Transport::HTTP::Daemon delegates to.)
my $listener = $daemon->{_daemon};
my $inputs = IO::Select->new($listener, \*STDIN);
while (1) {
    for my $ready ($inputs->can_read) {
        if ($ready != $listener) {
            exit 0 unless sysread STDIN, my $ignored, 4096;
            next;
        }
        my $connection = $daemon->accept or next;
        # QUIRK: SOAP::Transport::HTTP::Daemon serves one connection at a time, as long as the
        # client keeps it alive: a client that opens a second connection (a pool does) waits
        # forever. One request per connection, answered with `Connection: close`.
        if (my $request = $connection->get_request) {
            $daemon->request($request);
            $daemon->SOAP::Transport::HTTP::Server::handle;
            my $response = $daemon->response;
            $response->header(Connection => 'close');
            $connection->send_response($response);
        }
        $connection->close;
    }
}
