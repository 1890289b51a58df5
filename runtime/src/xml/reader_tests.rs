//! Tests of the reader ([`super`]).

use super::*;

fn reader(xml: &str) -> XmlReader<'_> {
    XmlReader::new(xml.as_bytes(), Limits::default()).unwrap()
}

#[test]
fn reads_children_text_and_namespaces() {
    let mut r = reader(
        r#"<?xml version="1.0"?><a:R xmlns:a="urn:a" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a:X>1 &amp; &#x41;<![CDATA[<c>]]></a:X><Y i:nil="true"/><!-- c --><Z><W/></Z></a:R>"#,
    );
    let root = r.root().unwrap();
    assert_eq!(root.local_name(), "R");
    assert_eq!(r.namespace_of(&root), Some("urn:a"));
    let x = r.next_child().unwrap().unwrap();
    assert_eq!(r.read_text(&x).unwrap(), "1 & A<c>");
    let y = r.next_child().unwrap().unwrap();
    assert!(y.is_nil(&r));
    assert_eq!(r.namespace_of(&y), None);
    r.skip().unwrap();
    let z = r.next_child().unwrap().unwrap();
    r.unknown(&z).unwrap();
    assert!(r.next_child().unwrap().is_none());
    r.finish().unwrap();
    assert_eq!(r.unknown_elements(), ["Z (line 1, column 162)"]);
}

#[test]
fn refuses_dtd_unknown_entities_and_truncation() {
    let mut r = reader(r#"<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>"#);
    assert_eq!(r.root().unwrap_err().kind, DecodeErrorKind::DtdRefused);
    let mut r = reader("<x>&lol;</x>");
    let x = r.root().unwrap();
    assert_eq!(
        r.read_text(&x).unwrap_err().kind,
        DecodeErrorKind::UnknownEntity("lol".into())
    );
    let mut r = reader("<x><y>abc");
    r.root().unwrap();
    let y = r.next_child().unwrap().unwrap();
    assert!(matches!(
        r.read_text(&y).unwrap_err().kind,
        DecodeErrorKind::Truncated(_)
    ));
}

#[test]
fn limits_base64_by_its_decoded_length() {
    let limits = Limits {
        max_bytes_len: 4,
        ..Limits::default()
    };
    // (text, decoded length): padding and line breaks do not count.
    for (text, len) in [
        ("QUJDRA==", 4),
        ("QUJD\n RA==", 4),
        ("QUJDRA", 4),
        ("QUJDREU=", 5),
        ("QUJDREU", 5),
        ("QUJDREVG", 6),
        ("", 0),
    ] {
        let xml = format!("<b>{text}</b>");
        let mut r = XmlReader::new(xml.as_bytes(), limits).unwrap();
        let b = r.root().unwrap();
        let result = r.read_base64_text(&b);
        if len <= 4 {
            assert_eq!(result.unwrap(), text, "{text}");
        } else {
            assert_eq!(
                result.unwrap_err().kind,
                DecodeErrorKind::LimitExceeded {
                    limit: "max_bytes_len",
                    max: 4
                },
                "{text}"
            );
        }
    }
}

#[test]
fn locates_unknown_elements_like_in_input() {
    let xml = "<r>\n <a/><b>\n\n</b>\n<c/>  <d/>\n</r>";
    let mut r = reader(xml);
    r.root().unwrap();
    let mut expected = Vec::new();
    while let Some(child) = r.next_child().unwrap() {
        let at = Location::in_input(xml.as_bytes(), child.offset());
        expected.push(format!("{} ({at})", child.local_name()));
        r.unknown(&child).unwrap();
    }
    assert_eq!(r.unknown_elements(), expected);
    assert_eq!(r.unknown_elements()[2], "c (line 5, column 1)");
}

#[test]
fn counts_items_per_message() {
    let limits = Limits {
        max_items: 2,
        ..Limits::default()
    };
    let mut r = XmlReader::new(b"<a/>", limits).unwrap();
    let a = r.root().unwrap();
    r.count_item(&a).unwrap();
    r.count_item(&a).unwrap();
    assert!(matches!(
        r.count_item(&a).unwrap_err().kind,
        DecodeErrorKind::LimitExceeded {
            limit: "max_items",
            max: 2
        }
    ));
}

#[test]
fn refuses_malformed_attributes_and_names_without_echoing_text() {
    for xml in [
        "<a b=1/>",
        "<a b='1' b='2'/>",
        "<a b='<'/>",
        "<a b='&x;'/>",
        "<a b;secret='1'/>",
        "<a xmlns:='urn:secret'/>",
        "<a<secret</a>",
        "<a/secret</a>",
    ] {
        let mut r = reader(xml);
        let error = r.root().and_then(|_| r.skip()).unwrap_err();
        assert!(
            matches!(error.kind, DecodeErrorKind::Malformed(_)),
            "{xml}: {error}"
        );
        assert!(!error.to_string().contains("secret"), "{xml}: {error}");
    }
}

#[test]
fn redacts_references_inside_secret_elements() {
    let mut r = reader("<x><Password>a&hunter2;</Password></x>");
    r.root().unwrap();
    let p = r.next_child().unwrap().unwrap();
    let error = r.read_text(&p).unwrap_err();
    assert_eq!(
        error.kind,
        DecodeErrorKind::UnknownEntity(REDACTED.to_string())
    );
    let mut r = reader("<x><n:Ticket xmlns:n='u'><y>&#xhunter2;</y></n:Ticket></x>");
    r.root().unwrap();
    r.next_child().unwrap().unwrap();
    let error = r.skip().unwrap_err();
    assert!(!error.to_string().contains("hunter2"), "{error}");
}

#[test]
fn limits_depth() {
    let xml = "<a>".repeat(100_000);
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    r.root().unwrap();
    let err = r.skip().unwrap_err();
    assert!(matches!(
        err.kind,
        DecodeErrorKind::LimitExceeded {
            limit: "max_depth",
            ..
        }
    ));
}

#[test]
fn refuses_what_namespaces_forbid() {
    for (xml, phrase) in [
        ("<p:a/>", "prefix `p` of element `p:a` is not declared"),
        (
            "<a p:b='1'/>",
            "prefix `p` of attribute `p:b` is not declared",
        ),
        (
            "<a xmlns:p='u' xmlns:q='u' p:b='1' q:b='2'/>",
            "attribute `b` occurs twice",
        ),
        ("<a b='1' b='2'/>", "attribute `b` occurs twice"),
        (
            "<a xmlns:p='u' xmlns:p='v'/>",
            "prefix `p` is declared twice",
        ),
        ("<a xmlns:xmlns='u'/>", "`xmlns` cannot be declared"),
        (
            "<a xmlns:xml='u'/>",
            "`xml` is bound to the XML namespace only",
        ),
        (
            "<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>",
            "cannot be bound",
        ),
        (
            "<a xmlns='http://www.w3.org/2000/xmlns/'/>",
            "cannot be bound",
        ),
        ("<a xmlns:p=''/>", "cannot undeclare a prefix"),
        ("<a b='1'c='2'/>", "separated by whitespace"),
        ("<xmlns:a/>", "prefix `xmlns`"),
    ] {
        let mut r = reader(xml);
        let error = r.root().and_then(|_| r.skip()).unwrap_err();
        assert!(error.to_string().contains(phrase), "{xml}: {error}");
    }
    // What they allow: the `xml` prefix unbound, undeclaring the default namespace, the
    // same local name in two namespaces, a prefix bound again below.
    for xml in [
        "<a xml:lang='en' xmlns:xml='http://www.w3.org/XML/1998/namespace'/>",
        "<a xmlns='u'><b xmlns=''/></a>",
        "<a xmlns:p='u' xmlns:q='v' p:b='1' q:b='2' b='3'/>",
        "<p:a xmlns:p='u'><p:b xmlns:p='v'/><p:c/></p:a>",
    ] {
        let mut r = reader(xml);
        let read = r.root().and_then(|_| r.skip()).and_then(|()| r.finish());
        assert!(read.is_ok(), "{xml}: {read:?}");
    }
}

#[test]
fn a_root_read_again_binds_the_same_and_is_still_checked() {
    const DECLARED: &str = r#" xmlns:s="urn:s" xmlns:n0="urn:n0" xmlns="urn:d""#;
    for _ in 0..3 {
        // The second and third reads take the root's bindings from the thread's memo.
        let xml = format!("<s:E{DECLARED}><n0:A/><B/><s:C/></s:E>");
        let mut r = reader(&xml);
        let root = r.root().unwrap();
        assert_eq!(r.namespace_of(&root), Some("urn:s"));
        let expected = [Some("urn:n0"), Some("urn:d"), Some("urn:s")];
        for namespace in expected {
            let child = r.next_child().unwrap().unwrap();
            assert_eq!(r.namespace_of(&child), namespace);
            r.skip().unwrap();
        }
        assert!(r.next_child().unwrap().is_none());
        r.finish().unwrap();
    }
    // The same declarations under a root whose prefix none of them binds.
    let xml = format!("<t:E{DECLARED}/>");
    let error = reader(&xml).root().unwrap_err();
    assert!(matches!(error.kind, DecodeErrorKind::Malformed(ref m) if m.contains("`t`")));
    // Other text is checked in full, also when it differs by a declaration twice.
    let xml = r#"<s:E xmlns:s="urn:s" xmlns:s="urn:s"/>"#;
    let error = reader(xml).root().unwrap_err();
    assert!(matches!(error.kind, DecodeErrorKind::Malformed(ref m) if m.contains("twice")));
    // Declarations below the root are never taken from the memo.
    let xml = format!("<s:E{DECLARED}><x:A{DECLARED} xmlns:x=\"urn:x\" xmlns:x=\"urn:y\"/></s:E>");
    let mut r = reader(&xml);
    r.root().unwrap();
    let error = r.next_child().unwrap_err();
    assert!(matches!(error.kind, DecodeErrorKind::Malformed(ref m) if m.contains("twice")));
}
