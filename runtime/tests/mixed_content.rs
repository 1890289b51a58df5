//! Mixed content (`mixed="true"`): `XmlReader::next_node` yields the text between child
//! elements, in document order, as roxmltree (an XML parser nobody here wrote) sees it.

use soap_runtime::error::DecodeErrorKind;
use soap_runtime::xml::{Limits, Node, XmlReader, XmlWriter};
use soap_runtime::{Name, Ns};

/// The root's content as pieces: `T:text` or `E:name` (each element's own content skipped).
fn pieces(xml: &str, limits: Limits) -> Result<Vec<String>, soap_runtime::DecodeError> {
    let mut r = XmlReader::new(xml.as_bytes(), limits)?;
    r.root()?;
    let mut out = Vec::new();
    while let Some(node) = r.next_node()? {
        match node {
            Node::Text(text) => out.push(format!("T:{text}")),
            Node::Element(e) => {
                out.push(format!("E:{}", e.local_name()));
                r.skip()?;
            }
        }
    }
    r.finish()?;
    Ok(out)
}

fn oracle_pieces(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut out: Vec<String> = Vec::new();
    for child in doc.root_element().children() {
        if child.is_element() {
            out.push(format!("E:{}", child.tag_name().name()));
        } else if let Some(text) = child.text().filter(|_| child.is_text()) {
            // roxmltree splits nothing here but a comment or PI in between: merge like we do.
            match out.last_mut() {
                Some(last) if last.starts_with("T:") => last.push_str(text),
                _ => out.push(format!("T:{text}")),
            }
        }
    }
    out.retain(|p| p != "T:");
    out
}

#[test]
fn yields_text_and_elements_in_order_like_roxmltree() {
    for xml in [
        "<p>Hello <b>bold</b> and <i>italic</i>!</p>",
        "<p><b/>after</p>",
        "<p>before<b/></p>",
        "<p>\n  <b/>\n  <c/>\n</p>",
        "<p>a &amp; b &#x41;<![CDATA[<c>]]>d<!-- x -->e<?pi y?>f<g/>&lt;</p>",
        "<p/>",
        "<p></p>",
        "<p>only text</p>",
        "<p>line\r\nend\rx</p>",
    ] {
        let ours = pieces(xml, Limits::default()).unwrap();
        assert_eq!(ours, oracle_pieces(xml), "{xml}");
    }
    assert_eq!(
        pieces("<p>Hello <b>bold</b> and <i/>!</p>", Limits::default()).unwrap(),
        ["T:Hello ", "E:b", "T: and ", "E:i", "T:!"]
    );
    // Whitespace-only text is given too.
    assert_eq!(
        pieces("<p> <b/> </p>", Limits::default()).unwrap(),
        ["T: ", "E:b", "T: "]
    );
}

#[test]
fn nested_mixed_content_reads_level_by_level() {
    let xml = "<p>a<b>b1<c>c</c>b2</b>d</p>";
    let mut r = XmlReader::new(xml.as_bytes(), Limits::default()).unwrap();
    r.root().unwrap();
    let mut seen = Vec::new();
    let mut depth = 1;
    while depth > 0 {
        match r.next_node().unwrap() {
            Some(Node::Text(t)) => seen.push(t.into_owned()),
            Some(Node::Element(e)) => {
                seen.push(format!("<{}>", e.local_name()));
                depth += 1;
            }
            None => {
                seen.push("</>".into());
                depth -= 1;
            }
        }
    }
    r.finish().unwrap();
    assert_eq!(
        seen,
        ["a", "<b>", "b1", "<c>", "c", "</>", "b2", "</>", "d", "</>"]
    );
}

#[test]
fn limits_and_malformed_input_give_typed_errors() {
    let limits = Limits {
        max_string_len: 8,
        ..Limits::default()
    };
    for xml in [
        "<p>123456789<b/></p>",
        "<p><b/>12345<!-- -->6789</p>",
        "<p>&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;</p>",
    ] {
        let error = pieces(xml, limits).unwrap_err();
        assert_eq!(
            error.kind,
            DecodeErrorKind::LimitExceeded {
                limit: "max_string_len",
                max: 8
            },
            "{xml}"
        );
    }
    assert!(pieces("<p>12345678<b/>12345678</p>", limits).is_ok());
    let kind = |xml: &str| pieces(xml, Limits::default()).unwrap_err().kind;
    assert!(matches!(
        kind("<p>a &nope; b</p>"),
        DecodeErrorKind::UnknownEntity(_)
    ));
    assert!(matches!(kind("<p>text"), DecodeErrorKind::Truncated(_)));
    assert!(matches!(
        kind("<p>a & b</p>"),
        DecodeErrorKind::Malformed(_)
    ));
}

#[test]
fn mixed_content_written_with_the_writer_reads_back() {
    let p = Name::new(Ns::NONE, "p");
    let b = Name::new(Ns::NONE, "b");
    let mut w = XmlWriter::new(&[]);
    w.start(p);
    w.text("x < y & ").unwrap();
    w.start(b);
    w.text("z").unwrap();
    w.end(b);
    w.text(" \r\n tail").unwrap();
    w.end(p);
    let bytes = w.into_bytes();
    let xml = String::from_utf8(bytes).unwrap();
    assert_eq!(
        pieces(&xml, Limits::default()).unwrap(),
        ["T:x < y & ", "E:b", "T: \r\n tail"]
    );
}
