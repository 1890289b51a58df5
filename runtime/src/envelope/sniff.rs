//! The envelope version a request declares, told from the root's start tag alone (operation
//! selection needs it before the request is decoded).

use std::cell::RefCell;

use super::SoapVersion;

/// The longest start of a document remembered, in bytes.
const MAX_REMEMBERED: usize = 1024;

thread_local! {
    /// The start of the document last sniffed on this thread, up to and including the root's
    /// start tag, with the version it declares. A peer sends every request with the same
    /// start (the same XML declaration and `Envelope` tag), so most documents begin with it.
    static LAST_HEAD: RefCell<(Vec<u8>, Option<SoapVersion>)> = const { RefCell::new((Vec::new(), None)) };
}

/// The envelope version the root's start tag declares, read from that tag alone, for a
/// document that starts plainly: an optional XML declaration, whitespace, then the `Envelope`
/// start tag binding its prefix without references. `None` otherwise (a byte order mark,
/// comments, a prefix bound twice...): [`super::peek_version`] reads the document then.
///
/// Nothing after the root's start tag is looked at, so a document it names a version for may
/// still be malformed; the server answers a request in the version its full read finds.
pub(crate) fn sniff_version(bytes: &[u8]) -> Option<SoapVersion> {
    // What is sniffed depends on the bytes up to the root's start tag alone: a document that
    // starts with the last one's head declares the same version.
    let recalled = LAST_HEAD.with(|last| {
        let last = last.try_borrow().ok()?;
        (!last.0.is_empty() && bytes.starts_with(&last.0)).then_some(last.1)
    });
    if let Some(version) = recalled {
        return version;
    }
    let (version, head) = sniff_from_tag(bytes)?;
    if head <= MAX_REMEMBERED {
        LAST_HEAD.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                last.0.clear();
                last.0.extend_from_slice(&bytes[..head]);
                last.1 = Some(version);
            }
        });
    }
    Some(version)
}

/// [`sniff_version`] without the memory: the version and the length of the document's start
/// up to and including the root's start tag.
fn sniff_from_tag(bytes: &[u8]) -> Option<(SoapVersion, usize)> {
    let mut rest = bytes;
    if rest.starts_with(b"<?xml") {
        // The declaration's values (a version number, an encoding name, yes or no) hold no
        // `>`: the first one ends it, or the start is not plain.
        let end = memchr::memchr(b'>', rest)?;
        if rest[..end].last() != Some(&b'?') {
            return None;
        }
        rest = &rest[end + 1..];
    }
    let rest = rest.trim_ascii_start().strip_prefix(b"<")?;
    let close = memchr::memchr(b'>', rest)?;
    let head = bytes.len() - rest.len() + close + 1;
    let tag = &rest[..close];
    let name_end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    let (prefix, local) = match memchr::memchr(b':', &tag[..name_end]) {
        Some(colon) => (&tag[..colon], &tag[colon + 1..name_end]),
        None => (&b""[..], &tag[..name_end]),
    };
    if local != b"Envelope" {
        return None;
    }
    let mut attributes = &tag[name_end..];
    let mut namespace = None;
    loop {
        attributes = attributes.trim_ascii_start();
        if attributes.is_empty() || attributes == b"/" {
            break;
        }
        let equals = memchr::memchr(b'=', attributes)?;
        let name = attributes[..equals].trim_ascii_end();
        let after = attributes[equals + 1..].trim_ascii_start();
        let quote = *after.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let close = memchr::memchr(quote, &after[1..])?;
        let value = &after[1..1 + close];
        attributes = &after[close + 2..];
        let binds = if prefix.is_empty() {
            name == b"xmlns"
        } else {
            name.strip_prefix(b"xmlns:") == Some(prefix)
        };
        if binds {
            if namespace.is_some() || value.contains(&b'&') {
                return None;
            }
            namespace = Some(value);
        }
    }
    let version = SoapVersion::from_namespace(std::str::from_utf8(namespace?).ok()?)?;
    Some((version, head))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::peek_version;

    #[test]
    fn the_version_sniffed_from_the_root_tag_agrees_with_a_full_read() {
        let documents = [
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#,
            r#"<?xml version="1.0" encoding="utf-8"?>
               <env:Envelope xmlns:a="urn:a" xmlns:env = 'http://www.w3.org/2003/05/soap-envelope'><env:Body/></env:Envelope>"#,
            r#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body/></Envelope>"#,
            r#"<Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><Body/></Envelope>"#,
            r#"<s:Envelope xmlns:s="urn:not-soap"><s:Body/></s:Envelope>"#,
            r#"<s:Envelop xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>"#,
            r#"<s:Envelope a=">" xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#,
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>"#,
        ];
        for document in documents {
            let sniffed = sniff_version(document.as_bytes());
            if sniffed.is_some() {
                assert_eq!(sniffed, peek_version(document.as_bytes()), "{document}");
            }
        }
        assert_eq!(
            sniff_version(documents[1].as_bytes()),
            Some(SoapVersion::Soap12)
        );
        assert_eq!(
            sniff_version(documents[0].as_bytes()),
            Some(SoapVersion::Soap11)
        );
        // Where the start is not plain, the full read decides.
        for unclear in [
            "<!-- c --><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"/>",
            "\u{feff}<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"/>",
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:s=\"urn:x\"/>",
            "<s:Envelope xmlns:s=\"http&#58;//schemas.xmlsoap.org/soap/envelope/\"/>",
            "<s:Envelope xmlns:s=http://schemas.xmlsoap.org/soap/envelope/ />",
            "<s:Envelope",
            "",
        ] {
            assert_eq!(sniff_version(unclear.as_bytes()), None, "{unclear}");
        }
    }

    #[test]
    fn a_remembered_start_gives_what_reading_the_tag_gives() {
        let soap11 = r#"<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#;
        let soap12 = r#"<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>"#;
        for document in [soap11, soap11, soap12, soap12, soap11] {
            let fresh = sniff_from_tag(document.as_bytes()).map(|(version, _)| version);
            assert_eq!(sniff_version(document.as_bytes()), fresh, "{document}");
        }
        // The same start, and then anything: the start decides.
        let head = &soap11[..soap11.find("<s:Body").unwrap_or(0)];
        assert_eq!(sniff_version(soap11.as_bytes()), Some(SoapVersion::Soap11));
        assert_eq!(
            sniff_version(format!("{head}garbage").as_bytes()),
            Some(SoapVersion::Soap11)
        );
        // A start that is cut short, or differs in one byte, is read again.
        assert_eq!(sniff_version(&soap11.as_bytes()[..head.len() - 1]), None);
        let other = soap11.replace("xmlsoap", "xmlsoaq");
        assert_eq!(sniff_version(other.as_bytes()), None);
        assert_eq!(sniff_version(soap12.as_bytes()), Some(SoapVersion::Soap12));
    }
}
