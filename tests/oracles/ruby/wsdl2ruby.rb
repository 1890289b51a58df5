# wsdl2ruby (soap4r 2.0.5's generator of Ruby classes from a WSDL), shared by the programs here:
# `load` has it write a contract's classes, mapping registries and the other files asked for
# into a scratch folder, through the generator's library, and loads them; the folder is removed
# as soon as they are loaded (a server is killed at the end of its test, before any `at_exit`).
#
# soap4r's quirk, worked around here: its command line (`wsdl2ruby.rb`) derives from
# Logger::Application, which Ruby's logger dropped (logger 1.4), and does not load on Ruby 3.1:
# the generator is driven through its library, WSDL::SOAP::WSDL2Ruby.
require 'logger'
require 'tmpdir'
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

  # Generates the contract WSDL in module MODULE with FILES (as `generate`) into a scratch
  # folder, and requires the files there whose names match LOADED (a glob, `*Driver.rb`).
  def self.load(wsdl, mod, loaded, *files)
    Dir.mktmpdir('wsdl2ruby') do |dir|
      generate(wsdl, mod, dir, *files)
      $LOAD_PATH.unshift(dir)
      Dir.glob(loaded, base: dir).each { |file| require file }
    ensure
      $LOAD_PATH.delete(dir)
    end
  end
end
