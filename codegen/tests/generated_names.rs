//! Names in generated code that read as a Rust developer would write them: interface-style
//! operation names keep their `I` a word (`i_virtual_box_get_result_code`), plural
//! abbreviations stay whole (`urls`), and a choice whose alternatives' names are too long to
//! join is named after the words they end in (`folder_field`) or after its struct (`choice`),
//! a port type named a service is not a `…ServiceService` trait, a port type named `…PortType`
//! (NuSOAP's always are) names its client and server without it, and identical codec constants
//! are one, not numbered copies.

use wsdl_codegen::Builder;

/// A COM-style operation `IVirtualBox_getResultCode`, a struct with a field `URLs`, and three
/// choices: two short alternatives, three long ones ending in the same words, and four with
/// nothing in common; the port type is `VirtualBoxService`. Two arrays of `Entry` elements of
/// different types are written and read alike, by one constant.
const NAMES: &str = r#"<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:names" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:names">
  <wsdl:types>
    <xs:schema targetNamespace="urn:names" elementFormDefault="qualified">
      <xs:complexType name="Changes">
        <xs:sequence>
          <xs:element name="URLs" type="xs:string"/>
          <xs:element name="Phones" type="tns:PhoneEntries"/>
          <xs:element name="Addresses" type="tns:AddressEntries"/>
          <xs:choice>
            <xs:element name="Card" type="xs:string"/>
            <xs:element name="Iban" type="xs:string"/>
          </xs:choice>
          <xs:choice maxOccurs="unbounded">
            <xs:element name="AppendToFolderField" type="xs:string"/>
            <xs:element name="SetFolderField" type="xs:string"/>
            <xs:element name="DeleteFolderField" type="xs:string"/>
          </xs:choice>
          <xs:choice>
            <xs:element name="Circle" type="xs:string"/>
            <xs:element name="Square" type="xs:string"/>
            <xs:element name="Triangle" type="xs:string"/>
            <xs:element name="Hexagon" type="xs:string"/>
          </xs:choice>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PhoneEntry"><xs:sequence>
        <xs:element name="Number" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="AddressEntry"><xs:sequence>
        <xs:element name="Street" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="PhoneEntries"><xs:sequence>
        <xs:element name="Entry" type="tns:PhoneEntry" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="AddressEntries"><xs:sequence>
        <xs:element name="Entry" type="tns:AddressEntry" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType>
      <xs:element name="IVirtualBox_getResultCode"><xs:complexType><xs:sequence>
        <xs:element name="changes" type="tns:Changes"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="IVirtualBox_getResultCodeResponse"><xs:complexType><xs:sequence>
        <xs:element name="returnval" type="xs:int"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="getResultCodeIn"><wsdl:part name="parameters" element="tns:IVirtualBox_getResultCode"/></wsdl:message>
  <wsdl:message name="getResultCodeOut"><wsdl:part name="parameters" element="tns:IVirtualBox_getResultCodeResponse"/></wsdl:message>
  <wsdl:portType name="VirtualBoxService">
    <wsdl:operation name="IVirtualBox_getResultCode">
      <wsdl:input message="tns:getResultCodeIn"/><wsdl:output message="tns:getResultCodeOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="VirtualBoxBinding" type="tns:VirtualBoxService">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="IVirtualBox_getResultCode"><soap:operation soapAction=""/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="VirtualBoxService"><wsdl:port name="VirtualBoxPort" binding="tns:VirtualBoxBinding">
    <soap:address location="http://localhost/vbox"/>
  </wsdl:port></wsdl:service>
</wsdl:definitions>
"#;

#[test]
fn generated_names_read_like_hand_written_rust() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("names.wsdl");
    std::fs::write(&wsdl, NAMES).expect("written");
    let code = Builder::new(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    for declaration in [
        "fn i_virtual_box_get_result_code(",
        "pub urls: String,",
        "pub card_or_iban: ChangesCardOrIban,",
        "pub folder_field: Vec<ChangesFolderField>,",
        "pub enum ChangesFolderField {",
        "pub choice: ChangesChoice,",
        "pub enum ChangesChoice {",
        "pub trait VirtualBoxService:",
        "pub struct VirtualBoxServiceClient",
        "pub struct VirtualBoxServiceServer",
        "pub const ARRAY_OF_ENTRY: Array<Plain>",
    ] {
        assert!(code.contains(declaration), "no `{declaration}` in:\n{code}");
    }
    for ugly in [
        "ivirtual",
        "ur_ls",
        "append_to_folder_field_or",
        "AppendToFolderFieldOr",
    ] {
        assert!(!code.contains(ugly), "`{ugly}` in:\n{code}");
    }
}

/// A port type named as WSDL 1.1's examples and every NuSOAP service name theirs,
/// `{Service}PortType`, with a fault.
const PORT_TYPE_SUFFIX: &str = r#"<?xml version="1.0"?>
<definitions targetNamespace="urn:quotes" xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:quotes">
  <message name="quoteRequest"><part name="symbol" type="xsd:string"/></message>
  <message name="quoteResponse"><part name="return" type="xsd:double"/></message>
  <message name="unknown"><part name="symbol" type="xsd:string"/></message>
  <portType name="StockQuotePortType">
    <operation name="quote">
      <input message="tns:quoteRequest"/><output message="tns:quoteResponse"/>
      <fault name="unknown" message="tns:unknown"/>
    </operation>
  </portType>
  <binding name="StockQuoteBinding" type="tns:StockQuotePortType">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="quote"><soap:operation soapAction="urn:quotes#quote"/>
      <input><soap:body use="literal" namespace="urn:quotes"/></input>
      <output><soap:body use="literal" namespace="urn:quotes"/></output>
      <fault name="unknown"><soap:fault name="unknown" use="literal"/></fault>
    </operation>
  </binding>
  <service name="StockQuote"><port name="StockQuotePort" binding="tns:StockQuoteBinding">
    <soap:address location="http://localhost/quotes"/>
  </port></service>
</definitions>
"#;

#[test]
fn a_port_type_suffix_is_not_repeated_in_the_client_and_server_names() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let wsdl = scratch.path().join("quotes.wsdl");
    std::fs::write(&wsdl, PORT_TYPE_SUFFIX).expect("written");
    let code = Builder::new(&wsdl)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    for declaration in [
        "pub struct StockQuoteClient",
        "pub trait StockQuoteService:",
        "pub struct StockQuoteServer",
        "pub enum StockQuoteFault",
    ] {
        assert!(code.contains(declaration), "no `{declaration}` in:\n{code}");
    }
    for ugly in [
        "PortTypeClient",
        "PortTypeService",
        "PortTypeServer",
        "PortTypeFault",
    ] {
        assert!(!code.contains(ugly), "`{ugly}` in:\n{code}");
    }
}
