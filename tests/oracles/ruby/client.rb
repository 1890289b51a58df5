# soap4r (2.0.5, Ruby's SOAP stack) as a client of our generated servers, through its WSDL
# driver: SOAP::WSDLDriverFactory reads the contract and builds a driver whose methods are the
# WSDL's operations, each argument a plain Ruby value (a Hash for a struct, an Array for an
# array) that soap4r types and orders by the contract's schema.
#
#   ruby client.rb WSDL PORT ENDPOINT [MODULE] < calls.json
#
# WSDL is the contract's file, PORT the name of the port (its binding) the driver speaks,
# ENDPOINT the URL called instead of the port's address. Given MODULE, the driver is instead
# the class wsdl2ruby writes of the contract's (first) port type, in that module, with the
# classes and mapping registries it writes beside it (generated into a scratch folder, removed
# once they are loaded), called with its classes' objects for structs (see `argument`). The
# contracts of the tests:
# - `wsdl/rpc.wsdl`, port `StoreEncodedPort` (rpc/encoded): addItems(label, items), lookup(id);
# - `wsdl/ledger.wsdl`, port `LedgerEncodedPort` (rpc/encoded): post(entry, copies);
# - `wsdl/library/bare.wsdl`, port `ShelfBarePort` (document/literal bare): shelve(book),
#   lookup(query), the one-way donate(donation), clear(shelf).
# Input: {"calls": [{"op": NAME, "args": [...]}, ...]}: each call's parts in order, a struct as
# a JSON object (its members by name), an array as a JSON array, a dateTime as its text, a nil
# element as null.
# Output: one JSON array, an item per call, in order: {"result": ...} with what soap4r decoded
# of the answer (one output part as its value, several as a list in the parts' order: the first
# the return value, then the others), or {"fault": {"code": ..., "string": ..., "detail": ...}}
# for a SOAP fault, its detail as soap4r decoded it (null when absent). A decoded struct is a
# JSON object of its elements by local name (an element repeated: a list, a nil one null), an
# object of wsdl2ruby's classes one of its members set, a dateTime its text (see
# `date_time_text.rb`), every other simple value as soap4r typed it: of an encoded answer by
# its xsi:type (a number, a boolean, text); of a literal one, the WSDL driver gives text always
# (it decodes literal values without their schema types: `pages`, an xsd:int, as "1"),
# wsdl2ruby's classes by their members' types, and both give an answer that is an element of a
# simple type (`lib:shelfSize`, an xsd:int) as its text.
# Anything else ends the program with exit code 1 and the error on standard error.
#
# soap4r's quirks, worked around here (each marked QUIRK below):
# - it writes a Hash's member whose value is `false` as nil (`xsi:nil="true"`: it reads a
#   member as `hash[name] || hash[name.to_sym]`): a boolean is handed to it as a
#   SOAP::SOAPBoolean;
# - it writes a Ruby DateTime with a fraction of a second wrong (see `date_time_text.rb`): a
#   dateTime is handed to it as its text, which it writes as it is;
# - it gives a fault's code and string as SOAP data (of a literal operation as SOAP elements,
#   whose `to_s` is Ruby's inspection), and an absent detail as empty text: their text is
#   reported, an absent detail as null;
# - its WSDL driver decodes a literal element without children whose type has only optional
#   ones (our `lib:books` of no book) as empty text: reported as it is;
# - the driver wsdl2ruby writes takes a Hash given for a struct that has a repeated element as
#   that element's items, one per pair of the Hash (`<tag>title Odes</tag>`): structs are
#   handed to it as objects of wsdl2ruby's classes.
$VERBOSE = nil # soap4r predates Ruby 3 and warns about its own code at every load.

require 'date'
require 'json'
require 'soap/wsdlDriver'
require_relative 'date_time_text'
require_relative 'wsdl2ruby'

wsdl, port, endpoint, mod = ARGV
abort 'usage: client.rb WSDL PORT ENDPOINT [MODULE] < calls.json' unless endpoint
input = JSON.parse($stdin.read)

# soap4r's WSDL driver of the contract's port, or (given a module) the driver class wsdl2ruby
# writes of it, with its classes and mapping registries.
def driver(wsdl, port, mod)
  return SOAP::WSDLDriverFactory.new(wsdl).create_rpc_driver(nil, port), [] unless mod

  Wsdl2ruby.load(wsdl, mod, '*Driver.rb', 'driver')
  namespace = Object.const_get(mod)
  classes = namespace.constants.map { |name| namespace.const_get(name) }.grep(Class)
  drivers, structs = classes.partition { |klass| klass < SOAP::RPC::Driver }
  [drivers.first.new, structs]
end

driver, classes = driver(wsdl, port, mod)
driver.endpoint_url = endpoint

# A value of the calls' JSON as soap4r is handed it (QUIRK: a boolean as a SOAP::SOAPBoolean);
# given wsdl2ruby's CLASSES, a struct as an object of one of them (QUIRK: the driver wsdl2ruby
# writes takes a Hash for a struct that has a repeated element as that element's items, one
# per pair of the Hash, `<tag>title Odes</tag>`).
# Equal structs are one Ruby object (STRUCTS, by their JSON), which soap4r writes once in an
# encoded message, referenced where it recurs (a multi-reference value, `href`/`id`).
def argument(value, classes)
  case value
  when Hash then STRUCTS[value] ||= struct(value, classes)
  when Array then value.map { |item| argument(item, classes) }
  when true, false then SOAP::SOAPBoolean.new(value)
  else value
  end
end

STRUCTS = {}

# The struct VALUE (a JSON object) as a Hash, or as an object of the class of wsdl2ruby's
# CLASSES with the fewest members that has each of its members.
def struct(value, classes)
  members = value.to_h { |key, member| [key, argument(member, classes)] }
  struct = classes.select { |c| members.keys.all? { |key| c.method_defined?("#{key}=") } }
                  .min_by { |c| c.instance_methods(false).size }
  return members unless struct

  members.each_with_object(struct.new) { |(key, member), object| object.send("#{key}=", member) }
end

# The text of a fault's code or string (QUIRK: soap4r gives them as SOAP data, of a literal
# operation as SOAP elements).
def text(value)
  if value.respond_to?(:data) then value.data
  elsif value.respond_to?(:text) then value.text
  else value.to_s
  end
end

# A decoded value as plain data for JSON.
def plain(value, classes)
  case value
  when SOAP::Mapping::Object
    value.__xmlele.each_with_object({}) do |(qname, member), object|
      object[qname.name] = plain(member, classes)
    end
  # Before the classes: wsdl2ruby writes an array type as a class derived from Array, an
  # enumeration as one derived from String.
  when Array then value.map { |item| plain(item, classes) }
  when String then String.new(value)
  when *classes
    # An object of a class wsdl2ruby wrote: its members set (`@v_when` for `when`).
    value.instance_variables.each_with_object({}) do |name, object|
      object[name.to_s.delete_prefix('@').delete_prefix('v_')] =
        plain(value.instance_variable_get(name), classes)
    end
  when DateTime then DateTimeText.of(value)
  else value
  end
end

results = input.fetch('calls').map do |call|
  answer = driver.send(call.fetch('op'), *argument(call.fetch('args'), classes))
  { 'result' => plain(answer, classes) }
rescue SOAP::FaultError => e
  # QUIRK: an absent detail is empty text.
  detail = e.detail == '' ? nil : plain(e.detail, classes)
  { 'fault' => { 'code' => text(e.faultcode), 'string' => text(e.faultstring),
                 'detail' => detail } }
end
$stdout.binmode
puts JSON.generate(results)
