//! SOAP with Attachments in the model: a `mime:multipartRelated` input or output whose root
//! `mime:part` holds the `soap:body` and whose other parts bind message parts to
//! `mime:content` (attachments, with their media types), and the located diagnostics of MIME
//! bindings the generator cannot honour or that are malformed.

use wsdl_codegen::model::{AttachmentPart, MessageBinding, PartContent, QName, XSD_NS};
use wsdl_codegen::wsdl::parse_str;

/// A small valid document: rpc style, an input of a body part and an attachment with two
/// media types, an output of a body part and one attachment.
const SWA: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Swa" targetNamespace="urn:swa"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:swa">
  <wsdl:message name="SendIn">
    <wsdl:part name="title" type="xs:string"/>
    <wsdl:part name="picture" type="xs:base64Binary"/>
  </wsdl:message>
  <wsdl:message name="SendOut">
    <wsdl:part name="size" type="xs:int"/>
    <wsdl:part name="thumb" type="xs:hexBinary"/>
  </wsdl:message>
  <wsdl:portType name="Port">
    <wsdl:operation name="Send">
      <wsdl:input message="tns:SendIn"/>
      <wsdl:output message="tns:SendOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Send">
      <soap:operation soapAction="urn:swa#Send"/>
      <wsdl:input>
        <mime:multipartRelated>
          <mime:part>
            <soap:body parts="title" use="literal" namespace="urn:swa"/>
          </mime:part>
          <mime:part>
            <mime:content part="picture" type="image/jpeg"/>
            <mime:content part="picture" type="image/png"/>
          </mime:part>
        </mime:multipartRelated>
      </wsdl:input>
      <wsdl:output>
        <mime:multipartRelated>
          <mime:part>
            <soap:body use="literal" namespace="urn:swa"/>
          </mime:part>
          <mime:part>
            <mime:content part="thumb"/>
          </mime:part>
        </mime:multipartRelated>
      </wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Service">
    <wsdl:port name="Port" binding="tns:Binding">
      <soap:address location="http://localhost/swa"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#;

/// `SWA` with the one occurrence of `from` replaced by `to`.
fn edit(from: &str, to: &str) -> String {
    assert_eq!(SWA.matches(from).count(), 1, "`{from}` must occur once");
    SWA.replacen(from, to, 1)
}

/// The input and output of the only operation of `text`.
fn directions(text: &str) -> (MessageBinding, MessageBinding) {
    let defs = parse_str(text, "swa.wsdl").unwrap_or_else(|e| panic!("{e}"));
    let op = &defs.bindings.values().next().expect("binding").operations[0];
    (
        op.input.clone().expect("input"),
        op.output.clone().expect("output"),
    )
}

/// Parses `text` and checks the error: message fragment, and that it points at the first
/// occurrence of `at` in `text`, with a help line.
#[track_caller]
fn expect_error(text: &str, fragment: &str, at: &str) {
    let err = match parse_str(text, "swa.wsdl") {
        Ok(defs) => panic!("expected `{fragment}`, parsed {defs:?}"),
        Err(e) => e,
    };
    let rendered = err.to_string();
    assert!(
        rendered.contains(fragment),
        "expected `{fragment}` in:\n{rendered}"
    );
    let offset = text
        .find(at)
        .unwrap_or_else(|| panic!("`{at}` is not in the text"));
    let line = text[..offset].matches('\n').count() as u32 + 1;
    let column = (offset - text[..offset].rfind('\n').map_or(0, |n| n + 1)) as u32 + 1;
    assert_eq!(
        (err.location().line, err.location().column),
        (line, column),
        "wrong position (expected at `{at}`) in:\n{rendered}"
    );
    assert!(rendered.contains("= help: "), "{rendered}");
}

#[test]
fn mime_content_parts_are_attachments_beside_the_body_parts() {
    let (input, output) = directions(SWA);
    assert_eq!(input.body, Some(QName::new("urn:swa", "Send")));
    let body: Vec<&str> = input
        .parts
        .iter()
        .flatten()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(body, ["title"]);
    assert_eq!(
        input.attachments,
        [AttachmentPart {
            name: "picture".into(),
            content_types: vec!["image/jpeg".into(), "image/png".into()],
            content: PartContent::Type(QName::new(XSD_NS, "base64Binary")),
        }]
    );
    // Without `parts=`, the body carries the parts no mime:content binds.
    let body: Vec<&str> = output
        .parts
        .iter()
        .flatten()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(body, ["size"]);
    assert_eq!(output.attachments[0].name, "thumb");
    assert!(output.attachments[0].content_types.is_empty(), "any type");
}

#[test]
fn a_document_body_with_attachments_is_a_body_of_parts() {
    let text = SWA
        .replace(r#"style="rpc""#, r#"style="document""#)
        .replace(r#" namespace="urn:swa""#, "");
    let text = text.replace(
        r#"<wsdl:part name="title" type="xs:string"/>"#,
        r#"<wsdl:part name="title" element="tns:Title"/>"#,
    );
    let text = text.replace(
        "  <wsdl:message name=\"SendIn\">",
        "  <wsdl:types><xs:schema targetNamespace=\"urn:swa\"><xs:element name=\"Title\" type=\"xs:string\"/></xs:schema></wsdl:types>\n  <wsdl:message name=\"SendIn\">",
    );
    let (input, _) = directions(&text);
    // One element part: without attachments the element would be the body; with them the
    // body's parts and the attachments are one value's fields.
    assert_eq!(input.body, None);
    assert_eq!(input.parts.as_ref().map(Vec::len), Some(1));
    assert_eq!(input.attachments.len(), 1);
}

#[test]
fn a_multipart_without_the_soap_body_is_refused() {
    let text = edit(
        r#"<soap:body parts="title" use="literal" namespace="urn:swa"/>"#,
        r#"<mime:content part="title" type="text/plain"/>"#,
    );
    expect_error(
        &text,
        "no `mime:part` of operation `Send` holds the soap:body",
        "<mime:multipartRelated>",
    );
}

#[test]
fn a_second_root_part_is_refused() {
    let text = edit(
        r#"<mime:content part="thumb"/>"#,
        r#"<soap:body use="literal" namespace="urn:swa"/>"#,
    );
    let second = r#"<soap:body use="literal" namespace="urn:swa"/>
          </mime:part>
        </mime:multipartRelated>
      </wsdl:output>"#;
    expect_error(
        &text,
        "a second `mime:part` holding the SOAP envelope",
        second,
    );
}

#[test]
fn a_mime_content_naming_no_part_is_refused() {
    let text = edit(
        r#"<mime:content part="thumb"/>"#,
        r#"<mime:content part="thumbnail"/>"#,
    );
    expect_error(
        &text,
        "message `SendOut` has no part `thumbnail`",
        r#"<mime:content part="thumbnail"/>"#,
    );
    let text = edit(r#"<mime:content part="thumb"/>"#, "<mime:content/>");
    expect_error(
        &text,
        "`mime:content` without a `part` attribute, and message `SendOut` has 2 parts",
        "<mime:content/>",
    );
}

#[test]
fn alternatives_of_two_parts_are_refused() {
    let text = edit(
        r#"<mime:content part="picture" type="image/png"/>"#,
        r#"<mime:content part="title" type="image/png"/>"#,
    );
    expect_error(
        &text,
        "name the parts `picture` and `title`",
        r#"<mime:content part="title" type="image/png"/>"#,
    );
}

#[test]
fn media_types_that_cannot_be_honoured_are_refused() {
    let text = edit(r#"type="image/png""#, r#"type="png""#);
    expect_error(&text, "png", r#"<mime:content part="picture" type="png"/>"#);
    let text = edit(r#"type="image/png""#, r#"type="multipart/mixed""#);
    expect_error(
        &text,
        "an attachment of media type `multipart/mixed`",
        r#"<mime:content part="picture" type="multipart/mixed"/>"#,
    );
}

#[test]
fn other_mime_bindings_are_refused_where_they_stand() {
    let text = edit(
        r#"<mime:content part="thumb"/>"#,
        "<mime:mimeXml part=\"thumb\"/>",
    );
    expect_error(&text, "`mime:mimeXml` in a `mime:part`", "<mime:mimeXml");
    let text = edit(r#"<mime:content part="thumb"/>"#, "");
    expect_error(
        &text,
        "an empty `mime:part` in operation `Send`",
        "<mime:part>\n            \n",
    );
    // mime:content alone (no envelope), and DIME.
    let lone = r#"<wsdl:output>
        <mime:content part="thumb" type="image/gif"/>
      </wsdl:output>"#;
    let output = &SWA[SWA.find("<wsdl:output>").expect("output")
        ..SWA.find("</wsdl:output>").expect("its end") + "</wsdl:output>".len()];
    let text = SWA.replacen(output, lone, 1);
    expect_error(
        &text,
        "`mime:content` in the `wsdl:output` of operation `Send`",
        r#"<mime:content part="thumb" type="image/gif"/>"#,
    );
    let text = edit(
        "<mime:multipartRelated>\n          <mime:part>\n            <soap:body use",
        "<dime:message xmlns:dime=\"http://schemas.xmlsoap.org/ws/2002/04/dime/wsdl/\"/><mime:multipartRelated>\n          <mime:part>\n            <soap:body use",
    );
    expect_error(
        &text,
        "`dime:message` in the `wsdl:output`",
        "<dime:message",
    );
}

#[test]
fn a_part_in_the_body_and_an_attachment_both_is_refused() {
    let text = edit(r#"parts="title""#, r#"parts="title picture""#);
    expect_error(
        &text,
        "`soap:body` lists the part `picture`, which a `mime:content` binds as an attachment",
        r#"<soap:body parts="title picture""#,
    );
    let text = edit(
        "      <wsdl:output>\n        <mime:multipartRelated>",
        "      <wsdl:output>\n        <soap:body use=\"literal\"/>\n        <mime:multipartRelated>",
    );
    expect_error(
        &text,
        "`soap:body` beside the `mime:multipartRelated`",
        "<soap:body use=\"literal\"/>\n        <mime:multipartRelated>",
    );
}

#[test]
fn a_part_bound_by_two_mime_parts_is_refused() {
    let text = edit(
        r#"            <mime:content part="thumb"/>
          </mime:part>"#,
        r#"            <mime:content part="thumb"/>
          </mime:part>
          <mime:part>
            <mime:content part="thumb" type="image/gif"/>
          </mime:part>"#,
    );
    expect_error(
        &text,
        "message part `thumb` bound by two `mime:part`s",
        "<mime:part>\n            <mime:content part=\"thumb\" type=\"image/gif\"/>",
    );
}

/// A `wsi:swaRef` element of a schema that imports the WS-I namespace without a location (the
/// built-in schema declares the type) is an attachment field; a `mime:content` part is one too,
/// read and written beside the envelope.
#[test]
fn swa_refs_and_mime_parts_generate_attachment_fields() {
    let text = SWA.replace(
        "  <wsdl:message name=\"SendIn\">",
        r#"  <wsdl:types>
    <xs:schema targetNamespace="urn:swa" xmlns:ref="http://ws-i.org/profiles/basic/1.1/xsd">
      <xs:import namespace="http://ws-i.org/profiles/basic/1.1/xsd"/>
      <xs:complexType name="Scan">
        <xs:sequence><xs:element name="page" type="ref:swaRef" maxOccurs="unbounded"/></xs:sequence>
      </xs:complexType>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="SendIn">"#,
    );
    let text = text.replace(
        r#"<wsdl:part name="title" type="xs:string"/>"#,
        r#"<wsdl:part name="title" type="tns:Scan"/>"#,
    );
    let defs = parse_str(&text, "swa.wsdl").unwrap_or_else(|e| panic!("{e}"));
    let code =
        wsdl_codegen::rust::generate(&defs, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    // A type of one repeated element is a list of it.
    assert!(
        code.contains("pub title: Vec<soap_runtime::Attachment>,"),
        "{code}"
    );
    assert!(
        code.contains("pub picture: soap_runtime::Attachment,"),
        "{code}"
    );
    assert!(
        code.contains("Media type: image/jpeg or image/png."),
        "{code}"
    );
    assert!(
        code.contains("self.picture = r.attachment_part(\"picture\")?;"),
        "{code}"
    );
    assert!(
        code.contains("w.attachment_part(\"thumb\", &self.thumb);"),
        "{code}"
    );
    assert!(code.contains("const ATTACHMENTS: bool = true;"), "{code}");
}
