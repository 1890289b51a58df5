//! Reading mixed content and raw XML: the text between child elements
//! ([`XmlReader::next_node`]), every attribute of an element ([`Element::attributes_all`]),
//! the namespace bindings in scope, for [`XmlElement::read`](crate::xml::XmlElement::read), and
//! an element's content captured as standalone XML ([`XmlReader::capture_inner`]).

use std::borrow::Cow;

use quick_xml::XmlVersion;

use super::{append, owned, xml10_text, Element, XmlReader};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::xml::any::XmlAttribute;
use crate::xml::tokenizer::Token;
use crate::xml::XSI_NS;

/// One piece of mixed content, as returned by [`XmlReader::next_node`].
#[derive(Debug, Clone)]
pub enum Node<'a> {
    /// The text between two child elements (or the start or end tag): references resolved,
    /// CDATA sections included, line ends normalized, comments and processing instructions
    /// left out. Never empty; whitespace-only text is given too (the caller decides).
    Text(Cow<'a, str>),
    /// A child element, consumed as one from [`XmlReader::next_child`] is.
    Element(Element<'a>),
}

impl Element<'_> {
    /// The attributes an `xs:anyAttribute` keeps: every attribute but namespace declarations,
    /// `xsi:` attributes and the `declared` ones (namespace, local name), in document order.
    pub fn undeclared_attributes(
        &self,
        r: &XmlReader<'_>,
        declared: &[(&str, &str)],
    ) -> Result<Vec<XmlAttribute>, DecodeError> {
        let mut attributes = self.attributes_all(r)?;
        attributes.retain(|a| {
            a.namespace != XSI_NS && !declared.contains(&(a.namespace.as_str(), a.local.as_str()))
        });
        Ok(attributes)
    }

    /// Every attribute of the element except namespace declarations, in document order, with
    /// its prefix resolved to its namespace (empty for an unprefixed attribute): what an
    /// `xs:anyAttribute` keeps. An undeclared prefix is an error; values longer than
    /// `max_string_len` are refused.
    pub fn attributes_all(&self, r: &XmlReader<'_>) -> Result<Vec<XmlAttribute>, DecodeError> {
        if !self.has_attributes() {
            return Ok(Vec::new());
        }
        let malformed =
            |message: String| r.error_at(self.offset, DecodeErrorKind::Malformed(message));
        let mut attributes = Vec::new();
        for attr in self.start.attributes() {
            let attr = attr.map_err(|e| malformed(e.to_string()))?;
            let key = attr.key.0;
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let (prefix, local) = match key.split_once(':') {
                Some((prefix, local)) => (Some(prefix), local),
                None => (None, key),
            };
            let namespace = match prefix {
                None => "",
                Some(p) => r.resolve(Some(p)).ok_or_else(|| {
                    malformed(format!(
                        "the prefix `{p}` of attribute `{key}` is not declared"
                    ))
                })?,
            };
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| malformed(describe(&e)))?;
            if value.len() > r.limits.max_string_len {
                return Err(r.error_at(
                    self.offset,
                    DecodeErrorKind::LimitExceeded {
                        limit: "max_string_len",
                        max: r.limits.max_string_len,
                    },
                ));
            }
            attributes.push(XmlAttribute {
                namespace: namespace.to_string(),
                local: local.to_string(),
                prefix: prefix.map(str::to_string),
                value: value.into_owned(),
            });
        }
        Ok(attributes)
    }
}

impl<'a> XmlReader<'a> {
    /// The next piece of the content of the element being read: the text up to the next child
    /// element or end tag, or that child element; `None` at the element's end. Like
    /// [`XmlReader::next_child`], but for mixed content, whose text matters. Text longer than
    /// `max_string_len` is refused.
    pub fn next_node(&mut self) -> Result<Option<Node<'a>>, DecodeError> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        let text_start = self.position();
        loop {
            if !text.is_empty() && self.tokens.at_tag() {
                return Ok(Some(Node::Text(text)));
            }
            let offset = self.position();
            // Text is returned before a tag is consumed (above), so `text` is empty at tags.
            match self.next_token()? {
                Token::Start(start, local) => {
                    return self
                        .open(start, local, offset)
                        .map(|e| Some(Node::Element(e)))
                }
                Token::End => {
                    self.close();
                    return Ok(None);
                }
                Token::Text(t) => append(&mut text, xml10_text(t, self.tokens.has_cr())),
                Token::CData(c) => append(&mut text, xml10_text(c, self.tokens.has_cr())),
                Token::Ref(r) => {
                    let c = self.resolve_reference(r, offset)?;
                    owned(&mut text).push(c);
                }
                Token::DocType => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Token::Eof => return Err(self.truncated()),
                Token::Ignorable => {}
            }
            if text.len() > self.limits.max_string_len {
                return Err(self.error_at(
                    text_start,
                    DecodeErrorKind::LimitExceeded {
                        limit: "max_string_len",
                        max: self.limits.max_string_len,
                    },
                ));
            }
        }
    }

    /// Every namespace binding in scope where the reader is, one per prefix (the innermost),
    /// in the order they were declared, as (prefix, URI) with `""` for the default namespace;
    /// bindings that undeclare (`xmlns=""`) are left out.
    pub(crate) fn namespaces_in_scope(&self) -> Vec<(String, String)> {
        let bindings = &self.namespaces;
        bindings
            .iter()
            .enumerate()
            .filter(|(index, b)| {
                !b.uri.is_empty()
                    && b.prefix != Some("xml")
                    && !bindings[index + 1..]
                        .iter()
                        .any(|later| later.prefix == b.prefix)
            })
            .map(|(_, b)| (b.prefix.unwrap_or("").to_string(), b.uri.to_string()))
            .collect()
    }

    /// The namespace bindings the element just opened inherits and does not declare itself,
    /// one per prefix (the innermost), written as its start tag would declare them
    /// (` xmlns:p="URI"`), for XML taken out of its document; `xml` and undeclarations are left
    /// out.
    pub(crate) fn inherited_declarations(&self) -> String {
        let bindings = &self.namespaces;
        let mut declarations = String::new();
        for (index, binding) in bindings.iter().enumerate() {
            let shadowed = bindings[index + 1..]
                .iter()
                .any(|later| later.prefix == binding.prefix);
            if binding.depth >= self.depth
                || shadowed
                || binding.uri.is_empty()
                || binding.prefix == Some("xml")
            {
                continue;
            }
            match &binding.prefix {
                Some(prefix) => declarations.push_str(&format!(" xmlns:{prefix}=\"")),
                None => declarations.push_str(" xmlns=\""),
            }
            for c in binding.uri.chars() {
                match c {
                    '&' => declarations.push_str("&amp;"),
                    '<' => declarations.push_str("&lt;"),
                    '"' => declarations.push_str("&quot;"),
                    c => declarations.push(c),
                }
            }
            declarations.push('"');
        }
        declarations
    }

    /// The namespace declarations of the element just opened, as (prefix, URI) with `""` for
    /// the default namespace, in document order.
    pub(crate) fn own_declarations(&self) -> Vec<(String, String)> {
        self.namespaces
            .iter()
            .filter(|b| b.depth == self.depth && b.prefix != Some("xml"))
            .map(|b| (b.prefix.unwrap_or("").to_string(), b.uri.to_string()))
            .collect()
    }

    /// Counts `n` more items against `max_items` (see [`XmlReader::count_item`]).
    pub(crate) fn count_items(
        &mut self,
        element: &Element<'_>,
        n: usize,
    ) -> Result<(), DecodeError> {
        match self.items.checked_add(n) {
            Some(total) if total <= self.limits.max_items => {
                self.items = total;
                Ok(())
            }
            _ => Err(self.error_at(
                element.offset(),
                DecodeErrorKind::LimitExceeded {
                    limit: "max_items",
                    max: self.limits.max_items,
                },
            )),
        }
    }

    /// The raw XML of the rest of `element`'s content (up to, not including, its end tag),
    /// then skips to its end. Each top-level element of it is given the namespace bindings it
    /// inherits from outside (from the envelope, say: Axis and JAX-WS declare the detail's
    /// namespaces there), so that the XML stands alone; otherwise it is the text as sent.
    pub fn capture_inner(&mut self, element: &Element<'_>) -> Result<Cow<'a, str>, DecodeError> {
        let start = self.tokens.position();
        let depth = self.depth;
        let mut end = start;
        // Where a top-level element's name ends, and the declarations it inherits.
        let mut inherited: Vec<(usize, String)> = Vec::new();
        while self.depth >= depth {
            end = self.tokens.position();
            let offset = self.position();
            match self.next_token()? {
                Token::Start(s, local) => {
                    let child = self.open(s, local, offset)?;
                    if self.depth == depth + 1 {
                        let declarations = self.inherited_declarations();
                        if !declarations.is_empty() {
                            let name_end = end + "<".len() + child.qualified_name().len();
                            inherited.push((name_end, declarations));
                        }
                    }
                }
                Token::End => self.close(),
                Token::DocType => return Err(self.error_at(offset, DecodeErrorKind::DtdRefused)),
                Token::Eof => {
                    return Err(
                        self.error(DecodeErrorKind::Truncated(element.local_name().to_string()))
                    )
                }
                Token::Text(_) | Token::Ref(_) | Token::CData(_) | Token::Ignorable => {}
            }
        }
        // Both ends, and the end of each start tag's name, fall between characters.
        let text = self.tokens.text();
        let mut standalone = String::new();
        let mut copied = start;
        for (name_end, declarations) in &inherited {
            standalone.push_str(text.get(copied..*name_end).unwrap_or_default());
            standalone.push_str(declarations);
            copied = *name_end;
        }
        let rest = text.get(copied..end).unwrap_or_default();
        if inherited.is_empty() {
            return Ok(Cow::Borrowed(rest));
        }
        standalone.push_str(rest);
        Ok(Cow::Owned(standalone))
    }
}

/// What an attribute value's unescaping error says, without echoing the value.
fn describe(error: &quick_xml::Error) -> String {
    match error {
        quick_xml::Error::Escape(_) => {
            String::from("an unknown entity or invalid character reference in an attribute value")
        }
        other => other.to_string(),
    }
}
