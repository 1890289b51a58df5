# wsdl2ruby (soap4r 2.0.5's generator of Ruby classes from a WSDL), shared by the programs here:
# `generate` writes a contract's classes, mapping registries and the other files asked for into
# a folder, through the generator's library.
#
# soap4r's quirk, worked around here: its command line (`wsdl2ruby.rb`) derives from
# Logger::Application, which Ruby's logger dropped (logger 1.4), and does not load on Ruby 3.1:
# the generator is driven through its library, WSDL::SOAP::WSDL2Ruby.
require 'logger'
require 'wsdl/soap/wsdl2ruby'

module Wsdl2ruby
  # Writes into DIR wsdl2ruby's classes and mapping registries of the contract WSDL, in module
  # MODULE, and the files FILES names (its options: `driver`, `servant_skelton`,
  # `servlet_stub`, ...).
  def self.generate(wsdl, mod, dir, *files)
    generator = WSDL::SOAP::WSDL2Ruby.new
    generator.logger = Logger.new($stderr, level: Logger::ERROR)
    generator.location = wsdl
    generator.basedir = dir
    generator.opt.update('classdef' => nil, 'mapping_registry' => nil, 'module_path' => mod,
                         'force' => true)
    files.each { |file| generator.opt[file] = nil }
    generator.run
  end
end
