//! Readable local file names for fetched documents: `EMail.wsdl` for
//! `…/EMail.svc?wsdl`, `EMail.xsd0.xsd` for `…/EMail.svc?xsd=xsd0`, `EMail.wsdl0.wsdl` for
//! `?wsdl=wsdl0`, `HelloService.xsd1.xsd` for JAX-WS's `…/HelloService?xsd=1`, and the URL's
//! own file name (`common.xsd`) for a plain file. Names are unique (ignoring case, for
//! case-insensitive file systems) and use only `A-Z a-z 0-9 . _ -`, so they need no escaping
//! in an XML attribute or a shell.

use reqwest::Url;

/// What a document is, which decides its file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// A WSDL 1.1 `definitions` document.
    Wsdl,
    /// An XML Schema `schema` document.
    Schema,
}

impl DocKind {
    /// The file extension, without the dot.
    fn extension(self) -> &'static str {
        match self {
            DocKind::Wsdl => "wsdl",
            DocKind::Schema => "xsd",
        }
    }
}

/// Longest name stem kept (before the tag and extension).
const MAX_STEM: usize = 80;

/// One unique file name per document, in order; none equals one of `reserved` (ignoring case).
pub(crate) fn file_names(docs: &[(Url, DocKind)], reserved: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = reserved.iter().map(|r| r.to_ascii_lowercase()).collect();
    docs.iter()
        .map(|(url, kind)| {
            let (stem, extension) = base_name(url, *kind);
            let mut name = format!("{stem}.{extension}");
            let mut n = 2;
            while taken.contains(&name.to_ascii_lowercase()) {
                name = format!("{stem}-{n}.{extension}");
                n += 1;
            }
            taken.push(name.to_ascii_lowercase());
            name
        })
        .collect()
}

/// The name before de-duplication, as stem and extension.
fn base_name(url: &Url, kind: DocKind) -> (String, &'static str) {
    let segment = url
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| !s.is_empty()))
        .unwrap_or("");
    let segment = sanitize(&percent_decoded(segment));
    let (stem, own_extension) = match segment.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && is_extension(ext) => (stem, Some(ext)),
        _ => (segment.as_str(), None),
    };
    let mut stem = stem.trim_end_matches('.').to_string();
    let tag = query_tag(url);
    // A plain `common.xsd` keeps its name; `Service.svc` becomes `Service.<kind>`.
    if tag.is_none() && own_extension.is_some_and(|ext| ext.eq_ignore_ascii_case(kind.extension()))
    {
        return (truncate(stem), kind.extension());
    }
    if stem.is_empty() {
        stem = url
            .host_str()
            .map(sanitize)
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "service".into());
    }
    let mut stem = truncate(stem);
    if let Some(tag) = tag {
        stem = format!("{stem}.{tag}");
    }
    (stem, kind.extension())
}

/// Whether `text` looks like a file extension (`svc`, `asmx`, `xsd`): 1 to 5 letters or digits.
fn is_extension(text: &str) -> bool {
    (1..=5).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The part of the query that tells a service's documents apart: `xsd0` for `xsd=xsd0`,
/// `xsd1` for `xsd=1`, `wsdl0` for `wsdl=wsdl0`; `None` for `?wsdl`, `?WSDL`, `?singleWsdl`.
fn query_tag(url: &Url) -> Option<String> {
    url.query_pairs().find_map(|(key, value)| {
        let key_lower = key.to_ascii_lowercase();
        if !(key_lower == "xsd" || key_lower == "wsdl") || value.is_empty() {
            return None;
        }
        let value = sanitize(&value);
        let tag = if value.starts_with(|c: char| c.is_ascii_alphabetic()) {
            value
        } else {
            format!("{key_lower}{value}")
        };
        Some(truncate(tag))
    })
}

/// `text` with every character outside `A-Z a-z 0-9 . _ -` replaced by `_`, without leading
/// dots (no hidden files, no `..`).
fn sanitize(text: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    replaced.trim_start_matches('.').to_string()
}

/// At most [`MAX_STEM`] characters (all ASCII after [`sanitize`]).
fn truncate(mut text: String) -> String {
    text.truncate(MAX_STEM);
    text
}

/// `%XX` escapes decoded where they form UTF-8; anything else kept as written.
fn percent_decoded(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(urls: &[(&str, DocKind)]) -> Vec<String> {
        let docs: Vec<(Url, DocKind)> = urls
            .iter()
            .map(|(u, k)| (Url::parse(u).expect("test URL"), *k))
            .collect();
        file_names(&docs, &["fetch-manifest.json"])
    }

    #[test]
    fn wcf_documents() {
        let base = "http://h/Remote/Services82/EMail.svc";
        assert_eq!(
            names(&[
                (&format!("{base}?wsdl"), DocKind::Wsdl),
                (&format!("{base}?xsd=xsd0"), DocKind::Schema),
                (&format!("{base}?xsd=xsd1"), DocKind::Schema),
                (&format!("{base}?wsdl=wsdl0"), DocKind::Wsdl),
            ]),
            [
                "EMail.wsdl",
                "EMail.xsd0.xsd",
                "EMail.xsd1.xsd",
                "EMail.wsdl0.wsdl"
            ]
        );
        assert_eq!(
            names(&[(&format!("{base}?singleWsdl"), DocKind::Wsdl)]),
            ["EMail.wsdl"]
        );
    }

    #[test]
    fn asmx_jaxws_and_plain_files() {
        assert_eq!(
            names(&[
                ("http://h/Orders.asmx?WSDL", DocKind::Wsdl),
                ("http://h/ws/Hello?wsdl", DocKind::Wsdl),
                ("http://h/ws/Hello?xsd=1", DocKind::Schema),
                ("http://h/schemas/common.xsd", DocKind::Schema),
                ("http://h/other/common.xsd", DocKind::Schema),
                ("http://h/Common.XSD", DocKind::Schema),
                ("http://h/", DocKind::Wsdl),
            ]),
            [
                "Orders.wsdl",
                "Hello.wsdl",
                "Hello.xsd1.xsd",
                "common.xsd",
                "common-2.xsd",
                "Common-3.xsd",
                "h.wsdl",
            ]
        );
    }

    #[test]
    fn unsafe_characters_and_reserved_names() {
        assert_eq!(
            names(&[
                ("http://h/a%20b/..%2F..%2Fetc%2Fpasswd", DocKind::Schema),
                ("http://h/x/fetch-manifest.json", DocKind::Wsdl),
                ("http://h/my%20service.svc?xsd=x%2Fy", DocKind::Schema),
            ]),
            [
                "_.._etc_passwd.xsd",
                "fetch-manifest.wsdl",
                "my_service.x_y.xsd",
            ]
        );
    }
}
