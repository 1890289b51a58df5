//! Splitting a `multipart/related` body (RFC 2387) into its root part and attachments, and
//! the parameters of its `Content-Type`.
//!
//! Nothing is copied: the root and every part are slices of the body. The body is already
//! bounded by the transport's size limit; the number of parts by `Limits::max_items`.

use std::collections::HashMap;

use memchr::memmem;

use super::MtomError;

/// The parameters of a `Content-Type`: the media type (lower-cased) and `name=value` pairs
/// (names lower-cased, quoted values unquoted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContentType {
    pub(crate) media: String,
    pub(crate) params: Vec<(String, String)>,
}

impl ContentType {
    /// Parses `text`, quoted strings with backslash escapes included.
    pub(crate) fn parse(text: &str) -> ContentType {
        let mut items = Vec::new();
        let mut current = String::new();
        let mut quoted = false;
        let mut escaped = false;
        for c in text.chars() {
            match c {
                _ if escaped => {
                    current.push(c);
                    escaped = false;
                }
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                ';' if !quoted => items.push(std::mem::take(&mut current)),
                _ => current.push(c),
            }
        }
        items.push(current);
        let mut items = items.into_iter();
        let media = items.next().unwrap_or_default().trim().to_ascii_lowercase();
        let params = items
            .filter_map(|item| {
                let (name, value) = item.split_once('=')?;
                Some((name.trim().to_ascii_lowercase(), value.trim().to_string()))
            })
            .collect();
        ContentType { media, params }
    }

    /// The value of parameter `name` (lower-case).
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A Content-ID without its angle brackets.
fn bare_id(id: &[u8]) -> &[u8] {
    let id = id.trim_ascii();
    id.strip_prefix(b"<")
        .and_then(|i| i.strip_suffix(b">"))
        .unwrap_or(id)
}

/// One part: its headers' values that matter, and its content.
struct Part<'a> {
    content_id: Option<&'a [u8]>,
    content_type: Option<&'a [u8]>,
    /// Where the part starts in the body, for error locations.
    offset: usize,
    content: &'a [u8],
}

/// The parts of a multipart body: the root (the envelope) and the others by Content-ID.
#[derive(Debug)]
pub(crate) struct Parts<'a> {
    /// The root part's content.
    pub(crate) root: &'a [u8],
    /// The root part's `Content-Type`.
    pub(crate) root_type: Option<&'a [u8]>,
    /// The other parts, by Content-ID (without angle brackets).
    pub(crate) attachments: HashMap<&'a [u8], Body<'a>>,
}

/// The content of a part other than the root, and its `Content-Type` if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Body<'a> {
    /// The part's content.
    pub(crate) content: &'a [u8],
    /// The part's `Content-Type` header.
    pub(crate) content_type: Option<&'a [u8]>,
}

/// Splits `body`, a `multipart/related` message with `boundary`, whose root is the part with
/// Content-ID `start` (else the first part). At most `max_parts` parts.
pub(crate) fn split<'a>(
    body: &'a [u8],
    boundary: &str,
    start: Option<&str>,
    max_parts: usize,
) -> Result<Parts<'a>, (MtomError, usize)> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // The first delimiter may open the body or follow a preamble line.
    let first = if body.starts_with(delimiter) {
        0
    } else {
        let at = memmem::find(body, &[b"\n", delimiter].concat())
            .ok_or((MtomError::BoundaryNotFound, 0))?;
        at + 1
    };
    let finder = memmem::Finder::new(&[b"\n", delimiter].concat()).into_owned();
    let mut parts: Vec<Part<'a>> = Vec::new();
    let mut position = first + delimiter.len();
    loop {
        // After a delimiter: `--` closes the body; otherwise the rest of the line is padding.
        if body[position..].starts_with(b"--") {
            break;
        }
        let line_end = memchr::memchr(b'\n', &body[position..])
            .ok_or((MtomError::BoundaryNeverCloses, body.len()))?;
        let part_start = position + line_end + 1;
        let next = finder
            .find(&body[part_start..])
            .map(|at| part_start + at)
            .ok_or((MtomError::BoundaryNeverCloses, body.len()))?;
        // The line break before the delimiter belongs to the delimiter.
        let mut end = next;
        if end > part_start && body[end - 1] == b'\r' {
            end -= 1;
        }
        if parts.len() >= max_parts {
            return Err((MtomError::TooManyParts { max: max_parts }, part_start));
        }
        parts.push(part(&body[part_start..end], part_start)?);
        position = next + 1 + delimiter.len();
    }
    let root_index = match start {
        Some(start) => {
            let wanted = bare_id(start.as_bytes());
            parts
                .iter()
                .position(|p| p.content_id == Some(wanted))
                .ok_or_else(|| (MtomError::NoRoot(start.to_string()), first))?
        }
        None => 0,
    };
    if parts.is_empty() {
        return Err((MtomError::NoRoot("(no part)".into()), first));
    }
    let mut attachments = HashMap::with_capacity(parts.len() - 1);
    let mut root = None;
    for (index, part) in parts.into_iter().enumerate() {
        if index == root_index {
            root = Some((part.content, part.content_type));
            continue;
        }
        let Some(id) = part.content_id else {
            // A part nobody can refer to: ignored, as MIME readers do.
            continue;
        };
        let body = Body {
            content: part.content,
            content_type: part.content_type,
        };
        if attachments.insert(id, body).is_some() {
            return Err((
                MtomError::DuplicateContentId(String::from_utf8_lossy(id).into_owned()),
                part.offset,
            ));
        }
    }
    let (root, root_type) = root.ok_or((MtomError::NoRoot("(no part)".into()), first))?;
    Ok(Parts {
        root,
        root_type,
        attachments,
    })
}

/// Reads one part's headers; `offset` is where it starts in the body.
fn part(bytes: &[u8], offset: usize) -> Result<Part<'_>, (MtomError, usize)> {
    // A part without headers starts with its blank line.
    let blank = if bytes.starts_with(b"\r\n") {
        Some((0, 2))
    } else if bytes.starts_with(b"\n") {
        Some((0, 1))
    } else {
        // The first blank line, whichever line ending the headers use.
        let crlf = memmem::find(bytes, b"\r\n\r\n").map(|at| (at, 4));
        let lf = memmem::find(bytes, b"\n\n").map(|at| (at, 2));
        match (crlf, lf) {
            (Some(a), Some(b)) => Some(if a.0 + 2 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        }
    };
    let Some((at, len)) = blank else {
        return Err((
            MtomError::MalformedPart("no blank line after the part's headers".into()),
            offset,
        ));
    };
    let (headers, content) = (&bytes[..at], &bytes[at + len..]);
    let mut part = Part {
        content_id: None,
        content_type: None,
        offset,
        content,
    };
    for line in headers.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            continue;
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            return Err((
                MtomError::MalformedPart(format!(
                    "header line without a colon: `{}`",
                    String::from_utf8_lossy(&line[..line.len().min(80)])
                )),
                offset,
            ));
        };
        let (name, value) = (line[..colon].trim_ascii(), line[colon + 1..].trim_ascii());
        if name.eq_ignore_ascii_case(b"content-id") {
            if part.content_id.is_some() {
                return Err((
                    MtomError::MalformedPart("a part with two Content-ID headers".into()),
                    offset,
                ));
            }
            part.content_id = Some(bare_id(value));
        } else if name.eq_ignore_ascii_case(b"content-type") {
            part.content_type = Some(value);
        } else if name.eq_ignore_ascii_case(b"content-transfer-encoding")
            && !matches!(
                value.to_ascii_lowercase().as_slice(),
                b"binary" | b"8bit" | b"7bit"
            )
        {
            return Err((
                MtomError::UnsupportedTransferEncoding(String::from_utf8_lossy(value).into_owned()),
                offset,
            ));
        }
    }
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parameters_with_quotes() {
        let ct = ContentType::parse(
            r#"multipart/related; type="application/xop+xml";start="<root@x>";boundary="uuid:a;b";start-info="application/soap+xml;action=\"urn:a\"""#,
        );
        assert_eq!(ct.media, "multipart/related");
        assert_eq!(ct.param("boundary"), Some("uuid:a;b"));
        assert_eq!(ct.param("start"), Some("<root@x>"));
        assert_eq!(
            ct.param("start-info"),
            Some("application/soap+xml;action=\"urn:a\"")
        );
    }

    #[test]
    fn parts_in_any_order_with_lf_or_crlf() {
        let body = b"preamble\r\n--b\r\nContent-ID: <p1>\r\nContent-Transfer-Encoding: binary\r\n\r\n\x00\x01\r\n--b\nContent-ID: <root>\n\n<a/>\n--b--\r\n";
        let parts = split(body, "b", Some("<root>"), 10).unwrap();
        assert_eq!(parts.root, b"<a/>");
        assert_eq!(parts.attachments[&b"p1"[..]].content, b"\x00\x01");
    }

    #[test]
    fn every_truncation_and_corruption_is_an_error_not_a_panic() {
        let body: &[u8] = b"--b\r\nContent-ID: <r>\r\n\r\n<a/>\r\n--b\nContent-ID:<p>\nContent-Transfer-Encoding: binary\n\n\x00\r\n\r\n--b--\r\n";
        assert!(split(body, "b", Some("<r>"), 10).is_ok());
        for end in 0..body.len() {
            let _ = split(&body[..end], "b", Some("<r>"), 10);
            for start in 0..end.min(12) {
                let _ = split(&body[start..end], "b", None, 10);
            }
        }
        for at in 0..body.len() {
            for byte in [b'-', b'\r', b'\n', b':', b'<', 0] {
                let mut corrupt = body.to_vec();
                corrupt[at] = byte;
                let _ = split(&corrupt, "b", Some("<r>"), 10);
            }
        }
    }

    #[test]
    fn hostile_bodies_are_refused() {
        let never = b"--b\r\nContent-ID: <r>\r\n\r\n<a/>";
        assert_eq!(
            split(never, "b", None, 10).unwrap_err().0,
            MtomError::BoundaryNeverCloses
        );
        let dup = b"--b\r\n\r\n<a/>\r\n--b\r\nContent-ID: <x>\r\n\r\n1\r\n--b\r\nContent-ID: <x>\r\n\r\n2\r\n--b--";
        assert_eq!(
            split(dup, "b", None, 10).unwrap_err().0,
            MtomError::DuplicateContentId("x".into())
        );
        let base64 = b"--b\r\n\r\n<a/>\r\n--b\r\nContent-ID: <x>\r\nContent-Transfer-Encoding: base64\r\n\r\nAA==\r\n--b--";
        assert!(matches!(
            split(base64, "b", None, 10).unwrap_err().0,
            MtomError::UnsupportedTransferEncoding(_)
        ));
        let many = b"--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--";
        assert_eq!(
            split(many, "b", None, 2).unwrap_err().0,
            MtomError::TooManyParts { max: 2 }
        );
        assert_eq!(
            split(b"no delimiter", "b", None, 2).unwrap_err().0,
            MtomError::BoundaryNotFound
        );
        assert!(matches!(
            split(b"--b\r\n\r\n<a/>\r\n--b--", "b", Some("<missing>"), 2)
                .unwrap_err()
                .0,
            MtomError::NoRoot(_)
        ));
    }
}
