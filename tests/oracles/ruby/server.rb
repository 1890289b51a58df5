# soap4r (2.0.5, Ruby's SOAP stack) as a server: its WEBrick servlet (SOAP::RPC::SOAPlet) on
# 127.0.0.1 and a free port, serving two rpc/encoded contracts of the corpus as soap4r services
# are written: wsdl2ruby generates each contract's classes, mapping registry, servant skeleton
# and servlet stub (into a scratch folder, removed once they are loaded), and the servants'
# methods are defined here:
# - `wsdl/rpc.wsdl`'s `Store` at /store/encoded: addItems, lookup;
# - `wsdl/ledger.wsdl`'s `Ledger` at /ledger: post.
#
#   ruby server.rb WSDL_DIR
#
# WSDL_DIR is the corpus's `wsdl` folder. Prints {"port": N} as its first line, then, for each
# request, what soap4r decoded of it as a JSON line ({"op": NAME, "args": [...]}), and answers
# it by the rules of the Rust side (`tests/corpus/tests/store_peer`,
# `oracle_ruby_soap4r.rs`), computed from what it decoded:
# - addItems(label, items): total (the sum of the quantities), names (`LABEL:NAME` of each);
# - lookup(id): item (`item ID <&>`, 2 x ID, the note `ünïcode`); for a negative ID, an
#   exception, which soap4r answers as a Server fault whose detail is the Ruby exception;
# - post(entry, copies): summary (`LABEL x COPIES: N tags, M witnesses`), entry (`seen: LABEL`,
#   the amount times COPIES, paid negated, the same dateTime, the owner a year older, the tags
#   reversed and `ledger <&>` added, the witnesses reversed, each a year older, a witness who is
#   the owner (the same name and age) the same Ruby object, which soap4r writes once, as a
#   multi-reference value (`href`/`id`, SOAP 1.1 section 5.4); for fewer than one copy the
#   declared fault `refused` (Server, its part `reason`: `no copies <&>`).
# Ends when its standard input closes.
#
# soap4r's quirks, worked around here (each marked QUIRK below):
# - its standalone server (SOAP::RPC::StandaloneServer) derives from Logger::Application, which
#   Ruby's logger dropped (logger 1.4), and does not load on Ruby 3.1 (nor does wsdl2ruby's
#   command line, see `wsdl2ruby.rb`): the service is mounted as the servlet wsdl2ruby writes,
#   on WEBrick;
# - wsdl2ruby writes no class for a fault message whose part has a type (every rpc/encoded
#   fault), and the declared fault soap4r would write by raising the class the servlet stub
#   names for it fails (`Element name not defined`): the servant answers the fault as a
#   SOAP::SOAPFault of its own, the part `reason` its detail;
# - a raised exception's own detail (soap4r's SOAPException) is not in the mapping registry
#   wsdl2ruby writes: its detail is the text `failed to serialize detail object: ...`;
# - it writes a DateTime with a fraction of a second wrong (see `date_time_text.rb`): the
#   answer's dateTime is its text;
# - wsdl2ruby names a member `when` (a Ruby keyword) `m_when`, its instance variable `@v_when`,
#   and soap4r's writer then never finds it (it looks for a method `v_when`, or compares the
#   instance variables' names, symbols since Ruby 1.9, with strings) and writes it nil: the
#   Entry class gets a reader `v_when`;
# - a module path named like the port type (`Store` for the port type `Store`) breaks the code
#   it writes (`Store::Item` then resolves inside the servant class `Store::Store`): the
#   modules are `StoreContract` and `LedgerContract`.
$VERBOSE = nil # soap4r predates Ruby 3 and warns about its own code at every load.

require 'json'
require 'webrick'
require_relative 'date_time_text'
require_relative 'wsdl2ruby'

wsdl_dir = ARGV[0] or abort 'usage: server.rb WSDL_DIR'

%w[rpc StoreContract ledger LedgerContract].each_slice(2) do |contract, mod|
  Wsdl2ruby.load(File.join(wsdl_dir, "#{contract}.wsdl"), mod, '*Servlet.rb',
                 'servant_skelton', 'servlet_stub')
end

# One request as a JSON line, for the test.
def report(op, *args)
  $stdout.puts(JSON.generate({ 'op' => op, 'args' => args }))
  $stdout.flush
end

module StoreContract
  # The servant of wsdl2ruby's skeleton, its methods defined.
  class Store
    def addItems(label, items)
      items = items.to_a
      reported = items.map do |item|
        { 'name' => item.name, 'qty' => item.qty, 'note' => item.note }.compact
      end
      report('addItems', label, reported)
      names = StringArray.new
      items.each { |item| names << "#{label}:#{item.name}" }
      [items.sum(&:qty), names]
    end

    def lookup(id)
      report('lookup', id)
      raise ArgumentError, 'no item < 0 & no <tag>' if id.negative?

      Item.new("item #{id} <&>", id * 2, 'ünïcode')
    end
  end
end

module LedgerContract
  # wsdl2ruby's Entry, its member `when` readable as soap4r's writer looks for it (QUIRK: it
  # would write it nil).
  class Entry
    attr_reader :v_when
  end

  # The servant of wsdl2ruby's skeleton, its method defined.
  class Ledger
    def post(entry, copies)
      tags = entry.tags.to_a
      witnesses = entry.witnesses.to_a
      person = ->(p) { { 'name' => p.name, 'age' => p.age } }
      report('post', {
               'label' => entry.label, 'amount' => entry.amount, 'paid' => entry.paid,
               'when' => DateTimeText.of(entry.m_when), 'owner' => person.(entry.owner),
               'tags' => tags, 'witnesses' => witnesses.map(&person)
             }, copies)
      return refused('no copies <&>') if copies < 1

      # One Person per name and age, so that a witness who is also the owner is one object,
      # which soap4r writes once, referenced where it recurs (a multi-reference value).
      people = {}
      older = ->(p) { people[[p.name, p.age]] ||= Person.new(p.name, p.age + 1) }
      answer = Entry.new(
        # QUIRK: the dateTime as its text.
        "seen: #{entry.label}", entry.amount * copies, !entry.paid, DateTimeText.of(entry.m_when),
        older.(entry.owner),
        StringArray.new.concat(tags.reverse, ['ledger <&>']),
        PersonArray.new.concat(witnesses.reverse.map(&older))
      )
      summary = format('%s x %d: %d tags, %d witnesses', entry.label, copies, tags.size,
                       witnesses.size)
      [summary, answer]
    end

    private

    # The declared fault `refused`, its part `reason` in the detail (QUIRK: soap4r's own
    # declared fault, the exception class the stub names raised, fails for a part of a type:
    # `Element name not defined`); a servant may answer a SOAPFault of its own.
    def refused(reason)
      detail = SOAP::SOAPStruct.new
      detail.add('reason', SOAP::SOAPString.new(reason))
      SOAP::SOAPFault.new(SOAP::SOAPElement.new(nil, SOAP::FaultCode::Server),
                          SOAP::SOAPString.new(reason), SOAP::SOAPString.new('soap4r'), detail)
    end
  end
end

server = WEBrick::HTTPServer.new(
  BindAddress: '127.0.0.1', Port: 0,
  Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: []
)
server.mount('/store/encoded', StoreContract::StoreServlet.new)
server.mount('/ledger', LedgerContract::LedgerServlet.new)
$stdout.puts(JSON.generate({ 'port' => server.config[:Port] }))
$stdout.flush

# Served on a thread of its own until standard input closes (the test ends): no process is left
# behind whichever way the test ends.
serving = Thread.new { server.start }
$stdin.read
server.shutdown
serving.join
