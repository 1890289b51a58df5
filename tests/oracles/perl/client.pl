#!/usr/bin/perl
# SOAP::Lite (1.27, Perl's classic SOAP stack) as a client of our generated servers, written as
# SOAP::Lite clients are, without the WSDL: the namespace of the operations (`ns`), the
# SOAPAction (`on_action`), each argument a SOAP::Data named and typed by hand.
#
#   perl client.pl CONTRACT ENDPOINT < calls.json
#
# CONTRACT is one of
# - `store`: `wsdl/rpc.wsdl`'s rpc/encoded `Store` (addItems(label, items), lookup(id));
# - `ledger`: `wsdl/ledger.wsdl`'s rpc/encoded `Ledger` (post(entry, copies));
# - `library`: `wsdl/library/rpc.wsdl`'s rpc/literal `Library` (addBooks(shelf, books),
#   findBook(title, genre), the one-way donateBook(book), clearShelf(shelf)): SOAP::Lite made to
#   speak literal (no xsi:type, no encodingStyle; a book's elements in the library's namespace).
# Input: {"calls": [{"op": NAME, "args": [...]}, ...]}: each call's parts in order, a struct or a
# book as a JSON object, an array or a list of books as a JSON array (a book list of the
# library as {"book": [...]}), a nil element as null. A call with "autotyped": true sends its
# arguments as plain Perl data (hashes, arrays, scalars; a boolean as `true` or `false`), which
# SOAP::Lite types and orders its own way (a hash's members in hash order, an untyped struct, a
# double as xsd:float, an array of structs as `xsd:anyType[N]`, text that is not ASCII as
# xsd:base64Binary).
# Output: one JSON array, an item per call, in order: {"result": ...} with what SOAP::Lite
# decoded of the answer's wrapper (its parts by name; SOAP::Lite gives every simple value as its
# text, an xsd:boolean as 1 or 0, a struct as an object, an encoded array or an element
# repeated in a literal answer as a list, a nil one as null, an empty wrapper as empty text),
# null for an answer without an envelope (one-way); or {"fault": {"code": ..., "string": ...,
# "detail": ...}} for a SOAP fault, its detail as SOAP::Lite decoded it (null when absent).
# Anything else ends the script with exit code 1 and the error on standard error.
#
# SOAP::Lite's quirks, worked around here (each marked QUIRK below):
# - it sends the SOAPAction `"NAMESPACE#OPERATION"` of the wrapper's namespace; the WSDLs'
#   actions differ (`urn:example:rpc#lookup`, the wrapper's namespace urn:example:rpc:ops):
#   `on_action` gives the WSDL's;
# - it types every string that is not ASCII as xsd:base64Binary (and sends it base64), and a
#   value with a prefixed built-in type (`xsd:string`) unescaped: every value is typed with an
#   unprefixed built-in type (`string`), which it escapes;
# - it types an array by its items (`xsd:anyType[N]`) and a hash as an untyped struct in hash
#   order: arrays and structs are built as SOAP::Data, typed as the WSDL says, in its order;
# - an array of no items built from an empty list of values is left out: an empty array
#   reference writes the empty array;
# - it names a value whose name it is not given `c-gensymN`, and writes `soap:encodingStyle`
#   on the Envelope even for literal: every value is named, and the literal contract's calls
#   have the encoding style unset;
# - without autotyping (literal), it writes text unescaped (`<&>` raw): the literal contract's
#   text is escaped by the program (SOAP::Utils::encode_data);
# - it blesses a decoded struct into a class named after its xsi:type (`Item=HASH`), which
#   JSON::PP refuses: unblessed for JSON.
use strict;
use warnings;
use utf8;

use JSON::PP;
use SOAP::Lite;

my ($contract, $endpoint) = @ARGV;
die "usage: client.pl store|ledger|library ENDPOINT < calls.json\n" unless defined $endpoint;
my $JSON = JSON::PP->new->utf8->canonical;
my $input = $JSON->decode(do { local $/; <STDIN> });

my %CONTRACTS = (
    store   => { ops => 'urn:example:rpc:ops',     action => 'urn:example:rpc',     types => 'urn:example:rpc' },
    ledger  => { ops => 'urn:example:ledger:ops',  action => 'urn:example:ledger',  types => 'urn:example:ledger' },
    library => { ops => 'urn:example:library:ops', action => 'urn:example:library:rpc', types => 'urn:example:library' },
);
my $spec = $CONTRACTS{$contract} // die "unknown contract $contract\n";
my $literal = $contract eq 'library';

my $soap = SOAP::Lite->proxy($endpoint, timeout => 30)
  ->ns($spec->{ops}, 'ops')
  # QUIRK: the default SOAPAction is "NAMESPACE#OPERATION" of the wrapper's namespace.
  ->on_action(sub { my (undef, $method) = @_; qq{"$spec->{action}#$method"} });
$soap->serializer->register_ns($spec->{types}, 't');
if ($literal) {
    # QUIRK: literal is not SOAP::Lite's way: no xsi:type, no encodingStyle.
    $soap->autotype(0);
    $soap->serializer->encodingStyle('');
}

# A value of an unprefixed built-in type (QUIRK: non-ASCII text would be base64Binary, a
# prefixed type unescaped).
sub typed {
    my ($name, $type, $value) = @_;
    return $literal ? text($name, $value) : SOAP::Data->name($name)->type($type)->value($value);
}

# An untyped text value, escaped here (QUIRK: without autotyping, SOAP::Lite writes text as
# it is, `<&>` raw).
sub text {
    my ($name, $value) = @_;
    return SOAP::Data->name($name)->value(SOAP::Utils::encode_data($value));
}

# A SOAP-encoded array of ITEM_TYPE (QUIRK: typed by its items otherwise; an empty value list
# leaves it out).
sub array_of {
    my ($name, $item_type, @items) = @_;
    return SOAP::Data->name($name)->type('soapenc:Array')
      ->attr({ 'soapenc:arrayType' => $item_type . '[' . scalar(@items) . ']' })
      ->value(@items ? \SOAP::Data->value(@items) : []);
}

# A struct of TYPE, its members in the WSDL's order (QUIRK: a hash goes out in hash order).
sub struct_of {
    my ($name, $type, @members) = @_;
    my $data = SOAP::Data->name($name)->value(\SOAP::Data->value(@members));
    return $literal ? $data : $data->type($type);
}

# The store's Item: name, qty, note (optional).
sub item {
    my ($item) = @_;
    return struct_of('item', 't:Item',
        typed(name => 'string', $item->{name}),
        typed(qty  => 'int',    $item->{qty}),
        (exists $item->{note} ? typed(note => 'string', $item->{note}) : ()));
}

# The ledger's Person named NAME.
sub person {
    my ($name, $person) = @_;
    return struct_of($name, 't:Person',
        typed(name => 'string', $person->{name}),
        typed(age  => 'int',    $person->{age}));
}

# The ledger's Entry.
sub entry {
    my ($entry) = @_;
    return struct_of('entry', 't:Entry',
        typed(label  => 'string',   $entry->{label}),
        typed(amount => 'double',   $entry->{amount}),
        typed(paid   => 'boolean',  $entry->{paid} ? 'true' : 'false'),
        typed(when   => 'dateTime', $entry->{when}),
        person(owner => $entry->{owner}),
        array_of('tags', 'xsd:string', map { typed(item => 'string', $_) } @{ $entry->{tags} }),
        array_of('witnesses', 't:Person', map { person(item => $_) } @{ $entry->{witnesses} }));
}

# A library element NAME in the library's namespace (qualified, as its schema says).
sub qualified {
    my ($name, $value) = @_;
    return text("t:$name", $value);
}

# The library's Book named NAME (a part `book`, unqualified, or an item of a list `t:book`):
# title, genre, pages, isbn (optional), subtitle (nillable), tag (repeated).
sub book {
    my ($name, $book) = @_;
    my @children = (
        qualified(title => $book->{title}),
        qualified(genre => $book->{genre}),
        qualified(pages => $book->{pages}),
        (exists $book->{isbn} ? qualified(isbn => $book->{isbn}) : ()),
        (defined $book->{subtitle}
            ? qualified(subtitle => $book->{subtitle})
            : SOAP::Data->name('t:subtitle')->attr({ 'xsi:nil' => 'true' })),
        (map { qualified(tag => $_) } @{ $book->{tag} // [] }),
    );
    return SOAP::Data->name($name)->value(\SOAP::Data->value(@children));
}

# The arguments of a call of OP, as SOAP::Data of its parts.
my %ARGUMENTS = (
    addItems => sub {
        my ($label, $items) = @_;
        return (typed(label => 'string', $label), array_of('items', 't:Item', map { item($_) } @$items));
    },
    lookup => sub { return typed(id => 'int', $_[0]) },
    post   => sub { return (entry($_[0]), typed(copies => 'int', $_[1])) },
    addBooks => sub {
        my ($shelf, $books) = @_;
        my @books = map { book('t:book', $_) } @{ $books->{book} };
        return (text(shelf => $shelf),
            SOAP::Data->name('books')->value(@books ? \SOAP::Data->value(@books) : ''));
    },
    findBook   => sub { return (text(title => $_[0]), text(genre => $_[1])) },
    donateBook => sub { return book('book', $_[0]) },
    clearShelf => sub { return text(shelf => $_[0]) },
);

# The arguments of OP, plain Perl data named after its parts, typed by SOAP::Lite itself.
sub autotyped {
    my ($op, @args) = @_;
    die "no autotyped call $op\n" unless $op eq 'post';
    my ($entry, $copies) = @args;
    return (SOAP::Data->name(entry => { %$entry, paid => $entry->{paid} ? 'true' : 'false' }),
        SOAP::Data->name(copies => $copies));
}

# A decoded value as plain data for JSON (QUIRK: structs come blessed, `Item=HASH`).
sub plain {
    my ($value) = @_;
    return [ map { plain($_) } @$value ] if ref $value && $value =~ /ARRAY\(/;
    return { map { $_ => plain($value->{$_}) } keys %$value } if ref $value && $value =~ /HASH\(/;
    return $value;
}

my @results;
for my $call (@{ $input->{calls} }) {
    my $op = $call->{op};
    my $arguments = $ARGUMENTS{$op} // die "no call $op for $contract\n";
    my @arguments = $call->{autotyped}
      ? autotyped($op, @{ $call->{args} })
      : $arguments->(@{ $call->{args} });
    my $som = $soap->call(SOAP::Data->name($op)->prefix('ops')->uri($spec->{ops}), @arguments);
    if (!defined $som) {
        # A one-way call: no envelope came back.
        push @results, { result => undef };
    } elsif ($som->fault) {
        push @results, { fault => {
            code => $som->faultcode, string => $som->faultstring,
            detail => plain($som->faultdetail) } };
    } else {
        # The wrapper's parts by name (SOAP::Lite's body: the wrapper by name).
        my ($wrapper) = values %{ $som->body };
        push @results, { result => plain($wrapper) };
    }
}
binmode STDOUT;
print $JSON->encode(\@results), "\n";
