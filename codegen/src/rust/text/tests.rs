//! The text writer's decisions: what it writes where prettyplease would print the same, and
//! what it leaves to the token path.

use super::*;
use crate::rust::context::Context;
use crate::rust::{generate, service, Options};

/// A document/literal WSDL with one operation whose input holds an element of each of
/// `types` (`xs:complexType` definitions in the target namespace `urn:t`).
fn wsdl(types: &[(String, String)]) -> String {
    let fields: String = types
        .iter()
        .map(|(name, _)| format!(r#"<xs:element name="{name}" type="tns:{name}" minOccurs="0"/>"#))
        .collect();
    let definitions: String = types.iter().map(|(_, xml)| xml.as_str()).collect();
    format!(
        r#"<wsdl:definitions name="T" targetNamespace="urn:t"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t">
  <wsdl:types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
      {definitions}
      <xs:element name="Call"><xs:complexType><xs:sequence>{fields}</xs:sequence></xs:complexType></xs:element>
      <xs:element name="CallResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="parameters" element="tns:Call"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="parameters" element="tns:CallResponse"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Call">
    <wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/>
  </wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Call"><soap:operation soapAction="urn:t/Call"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>"#
    )
}

/// A complex type `name` of elements named `elements` (strings, the first required, the
/// second repeated, the others optional and nillable), extending `base` if given.
fn complex_type(name: &str, base: Option<&str>, elements: &[String]) -> (String, String) {
    let sequence: String = elements
        .iter()
        .enumerate()
        .map(|(i, e)| match i {
            0 => format!(r#"<xs:element name="{e}" type="xs:string"/>"#),
            1 => format!(r#"<xs:element name="{e}" type="xs:int" maxOccurs="unbounded"/>"#),
            _ => format!(
                r#"<xs:element name="{e}" type="xs:base64Binary" minOccurs="0" nillable="true"/>"#
            ),
        })
        .collect();
    let xml = match base {
        None => format!(
            r#"<xs:complexType name="{name}"><xs:sequence>{sequence}</xs:sequence></xs:complexType>"#
        ),
        Some(base) => format!(
            r#"<xs:complexType name="{name}"><xs:complexContent><xs:extension base="tns:{base}"><xs:sequence>{sequence}</xs:sequence></xs:extension></xs:complexContent></xs:complexType>"#
        ),
    };
    (name.to_string(), xml)
}

/// Output both ways: (text writer on, off).
fn both_ways(wsdl: &str, serde: bool) -> (String, String) {
    let defs = crate::wsdl::parse_str(wsdl, "t.wsdl").expect("the WSDL reads");
    let options = Options {
        serde,
        ..Options::default()
    };
    let direct = generate(&defs, &options).expect("generates");
    let tokens = generate(
        &defs,
        &Options {
            direct_text: false,
            ..options
        },
    )
    .expect("generates");
    (direct, tokens)
}

#[test]
fn lines_around_the_margin_are_laid_out_as_prettyplease_does() {
    // Names of every length from short to past the margin: the field lines, table entries,
    // read and write lines, enum variants and reader arms cross column 89 one after another.
    let mut types = Vec::new();
    for length in 8..72 {
        let element = format!("e{}", "x".repeat(length));
        let name = format!("T{}", "y".repeat(length));
        types.push(complex_type(
            &name,
            None,
            &[
                element.clone(),
                format!("{element}s"),
                format!("{element}n"),
            ],
        ));
        types.push(complex_type(
            &format!("D{}", "z".repeat(length)),
            Some(&name),
            &[format!("d{element}")],
        ));
    }
    // Enumerations whose values (and so the arms of `as_str` and `parse_text`) cross it too.
    for length in (8..80).step_by(4) {
        let values: String = (length..length + 4)
            .map(|n| format!(r#"<xs:enumeration value="v{}"/>"#, "w".repeat(n)))
            .collect();
        let name = format!("E{}", "q".repeat(length));
        let xml = format!(
            r#"<xs:simpleType name="{name}"><xs:restriction base="xs:string">{values}</xs:restriction></xs:simpleType>"#
        );
        types.push((name, xml));
    }
    for serde in [false, true] {
        let (direct, tokens) = both_ways(&wsdl(&types), serde);
        assert_eq!(direct, tokens, "serde {serde}");
    }
}

#[test]
fn an_item_with_a_line_too_long_falls_back_to_tokens() {
    let long = format!("e{}", "x".repeat(90));
    let enumeration = |name: &str, value: &str| {
        let xml = format!(
            r#"<xs:simpleType name="{name}"><xs:restriction base="xs:string"><xs:enumeration value="{value}"/></xs:restriction></xs:simpleType>"#
        );
        (name.to_string(), xml)
    };
    let types = vec![
        complex_type("Short", None, &["a".to_string()]),
        complex_type("Long", None, std::slice::from_ref(&long)),
        enumeration("ShortValues", "a"),
        enumeration("LongValues", &long),
    ];
    let defs = crate::wsdl::parse_str(&wsdl(&types), "t.wsdl").expect("the WSDL reads");
    let plan = service::plan(&defs, &Options::default()).expect("plans");
    let mut cx = Context::new(&plan, false);
    cx.direct_text = true;
    let short = plan.types.structs.get("Short").expect("planned");
    let long = plan.types.structs.get("Long").expect("planned");
    assert!(cx.struct_text(short).is_some());
    assert_eq!(cx.struct_text(long), None);
    let short_values = plan.types.enums.get("ShortValues").expect("planned");
    let long_values = plan.types.enums.get("LongValues").expect("planned");
    assert!(cx.enum_text(short_values).is_some());
    assert_eq!(cx.enum_text(long_values), None);
    // Off, nothing is written as text.
    cx.direct_text = false;
    assert_eq!(cx.struct_text(short), None);
}

#[test]
fn a_line_past_the_margin_is_unsure() {
    let mut w = Writer::with_capacity(0);
    assert_eq!(w.line(0, &"x".repeat(MARGIN)), Ok(()));
    assert_eq!(w.line(4, &"x".repeat(MARGIN - 3)), Err(Unsure));
    // A comma prettyplease adds without measuring it may pass the margin.
    assert_eq!(w.line_with(0, &"x".repeat(MARGIN), ","), Ok(()));
    // A call whose argument alone does not fit is left to prettyplease.
    assert_eq!(w.call(0, "f", &["x".repeat(MARGIN)], ""), Err(Unsure));
}

#[test]
fn what_escapes_or_reads_as_another_comment_is_unsure() {
    let mut w = Writer::with_capacity(0);
    assert_eq!(w.push_literal("plain-name_1.x:y/z"), Ok(()));
    assert_eq!(w.push_literal("quote\"d"), Err(Unsure));
    assert_eq!(w.push_literal(r"back\slash"), Err(Unsure));
    assert_eq!(w.push_literal("tab\there"), Err(Unsure));
    assert_eq!(w.push_literal("é"), Err(Unsure));
    assert_eq!(w.docs(0, &[" fine".to_string()]), Ok(()));
    assert_eq!(w.docs(0, &["/ starts a comment".to_string()]), Err(Unsure));
    assert_eq!(w.docs(0, &[" two\nlines".to_string()]), Err(Unsure));
}

#[test]
fn attribute_lists_break_as_prettyplease_breaks_them() {
    for length in 40..80 {
        let value = "v".repeat(length);
        let items = [
            "feature = \"serde\"".to_string(),
            format!("serde(rename = \"{value}\")"),
        ];
        let mut w = Writer::with_capacity(0);
        if w.attribute_list(4, "cfg_attr", &items).is_err() {
            // Left to prettyplease only when even the item's own line would not fit.
            assert!(8 + items[1].len() > MARGIN, "length {length}");
            continue;
        }
        let expected = crate::rust::format::format_items(quote::quote! {
            struct S {
                #[cfg_attr(feature = "serde", serde(rename = #value))]
                a: u8,
            }
        })
        .expect("formats");
        assert!(
            expected.contains(&w.finish()),
            "length {length}:\n{expected}"
        );
    }
}
