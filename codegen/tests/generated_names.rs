//! Names in generated code that read as a Rust developer would write them: interface-style
//! operation names keep their `I` a word (`i_virtual_box_get_result_code`), plural
//! abbreviations stay whole (`urls`), and a choice whose alternatives' names are too long to
//! join is named after the words they end in (`folder_field`) or after its struct (`choice`),
//! a port type named a service is not a `…ServiceService` trait, and identical codec constants
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
