//! Raw XML kept losslessly: what `xs:any`, `xs:anyAttribute` and whatever else a schema leaves
//! open become (like JAXB's `@XmlAnyElement` DOM elements and .NET's `XmlElement`).
//!
//! An [`XmlElement`] keeps an element's namespace, local name and prefix, the namespace
//! declarations to write on it, its attributes, and its children: elements and text in document
//! order. CDATA sections become text; comments and processing instructions are dropped. Written
//! back, it is the same XML: re-reading what [`XmlElement::write`] wrote gives an equal value.

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::xml::chars::is_ncname;
use crate::xml::reader::Node;
use crate::xml::{Element, XmlReader, XmlWriter};

/// The namespace bound to the `xml` prefix (`xml:lang`, `xml:space`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An element kept as raw XML, with everything needed to write it back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct XmlElement {
    /// The element's namespace; empty for none.
    pub namespace: String,
    /// The local name.
    pub local: String,
    /// The prefix it was written with (`None`: unprefixed); kept so that QName-valued text
    /// and attributes (`xsi:type="p:T"`) still resolve.
    pub prefix: Option<String>,
    /// Namespace declarations to write on this element, as (prefix, URI) with `""` for the
    /// default namespace. An element read by [`XmlElement::read`] holds every binding in scope
    /// where it was; its descendants hold the declarations written on them.
    pub namespaces: Vec<(String, String)>,
    /// The attributes (namespace declarations aside), in document order.
    pub attributes: Vec<XmlAttribute>,
    /// Child elements and text, in document order.
    pub children: Vec<XmlNode>,
}

/// An attribute kept as raw XML (what `xs:anyAttribute` holds).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct XmlAttribute {
    /// The attribute's namespace; empty for an unprefixed attribute.
    pub namespace: String,
    /// The local name.
    pub local: String,
    /// The prefix it was written with, if any.
    pub prefix: Option<String>,
    /// The value, unescaped.
    pub value: String,
}

/// A piece of an [`XmlElement`]'s content.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum XmlNode {
    /// A child element.
    Element(XmlElement),
    /// Text (CDATA sections included), unescaped.
    Text(String),
}

impl XmlNode {
    /// Reads the rest of an element's mixed content: text and child elements in document
    /// order, each element counted against `max_items`.
    pub fn read_all(r: &mut XmlReader<'_>) -> Result<Vec<XmlNode>, DecodeError> {
        let mut nodes = Vec::new();
        while let Some(node) = r.next_node()? {
            match node {
                Node::Text(text) => nodes.push(XmlNode::Text(text.into_owned())),
                Node::Element(child) => {
                    r.count_item(&child)?;
                    nodes.push(XmlNode::Element(XmlElement::read(r, &child)?));
                }
            }
        }
        Ok(nodes)
    }

    /// Writes mixed content: text escaped, elements as they are.
    pub fn write_all(w: &mut XmlWriter, nodes: &[XmlNode]) -> Result<(), EncodeError> {
        for node in nodes {
            match node {
                XmlNode::Text(text) => w.text(text)?,
                XmlNode::Element(element) => element.write(w)?,
            }
        }
        Ok(())
    }
}

impl XmlAttribute {
    /// An attribute `local` in `namespace` (empty for none) with `value`.
    pub fn new(
        namespace: impl Into<String>,
        local: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        XmlAttribute {
            namespace: namespace.into(),
            local: local.into(),
            prefix: None,
            value: value.into(),
        }
    }
}

impl XmlElement {
    /// An empty element `local` in `namespace` (empty for none).
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        XmlElement {
            namespace: namespace.into(),
            local: local.into(),
            ..XmlElement::default()
        }
    }

    /// The same element, written with `prefix`.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// The same element, declaring `prefix` (empty: the default namespace) for `uri`.
    pub fn with_namespace(mut self, prefix: impl Into<String>, uri: impl Into<String>) -> Self {
        self.namespaces.push((prefix.into(), uri.into()));
        self
    }

    /// The same element with one more attribute.
    pub fn with_attribute(
        mut self,
        namespace: impl Into<String>,
        local: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.attributes
            .push(XmlAttribute::new(namespace, local, value));
        self
    }

    /// The same element with `text` appended to its content.
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.children.push(XmlNode::Text(text.into()));
        self
    }

    /// The same element with `child` appended to its content.
    pub fn with_child(mut self, child: XmlElement) -> Self {
        self.children.push(XmlNode::Element(child));
        self
    }

    /// The first child element named `local` in `namespace` (empty for none).
    pub fn child(&self, namespace: &str, local: &str) -> Option<&XmlElement> {
        self.children_elements()
            .find(|c| c.local == local && c.namespace == namespace)
    }

    /// The child elements, in order (text left out).
    pub fn children_elements(&self) -> impl Iterator<Item = &XmlElement> {
        self.children.iter().filter_map(|node| match node {
            XmlNode::Element(e) => Some(e),
            XmlNode::Text(_) => None,
        })
    }

    /// The value of the attribute `local` in `namespace` (empty for none).
    pub fn attribute(&self, namespace: &str, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.local == local && a.namespace == namespace)
            .map(|a| a.value.as_str())
    }

    /// The text children, concatenated (child elements' text left out).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                XmlNode::Text(t) => Some(t.as_str()),
                XmlNode::Element(_) => None,
            })
            .collect()
    }

    /// True when `self` and `other` are the same tree: names, attributes (by expanded name, in
    /// any order) and children in order, with prefixes and namespace declarations aside — what
    /// "written back equivalent" means for a value read from one document and written into
    /// another.
    pub fn same_tree(&self, other: &XmlElement) -> bool {
        fn attributes(e: &XmlElement) -> Vec<(&str, &str, &str)> {
            let mut list: Vec<(&str, &str, &str)> = e
                .attributes
                .iter()
                .map(|a| (a.namespace.as_str(), a.local.as_str(), a.value.as_str()))
                .collect();
            list.sort_unstable();
            list
        }
        self.namespace == other.namespace
            && self.local == other.local
            && attributes(self) == attributes(other)
            && self.children.len() == other.children.len()
            && self
                .children
                .iter()
                .zip(&other.children)
                .all(|pair| match pair {
                    (XmlNode::Text(a), XmlNode::Text(b)) => a == b,
                    (XmlNode::Element(a), XmlNode::Element(b)) => a.same_tree(b),
                    _ => false,
                })
    }

    /// The element as an XML fragment (no XML declaration).
    pub fn to_xml_string(&self) -> Result<String, EncodeError> {
        let mut w = XmlWriter::new(&[]);
        let declaration = w.as_bytes().len();
        self.write(&mut w)?;
        let mut bytes = w.into_bytes();
        bytes.drain(..declaration);
        // The writer writes UTF-8 text and markup only.
        String::from_utf8(bytes).map_err(|_| EncodeError::InvalidValue {
            element: self.local.clone(),
            reason: String::from("the written XML is not UTF-8"),
        })
    }

    /// Reads `element`, which [`XmlReader::next_child`] (or [`XmlReader::next_node`]) just
    /// returned, through its end tag.
    ///
    /// The element records every namespace binding in scope, so that prefixes used in
    /// QName-valued text and attributes stay resolvable wherever it is written; its
    /// descendants record the declarations written on them. Every attribute, recorded
    /// namespace binding and descendant element counts as an item against `max_items` (so
    /// that many small elements captured under many bindings cannot take unbounded memory);
    /// depth and text length are limited as everywhere else.
    pub fn read(r: &mut XmlReader<'_>, element: &Element<'_>) -> Result<XmlElement, DecodeError> {
        let scope = r.namespaces_in_scope();
        r.count_items(element, scope.len())?;
        let top = start_element(r, element, scope)?;
        r.count_items(element, top.attributes.len())?;
        let mut open = vec![top];
        loop {
            match r.next_node()? {
                Some(Node::Text(text)) => {
                    if let Some(parent) = open.last_mut() {
                        parent.children.push(XmlNode::Text(text.into_owned()));
                    }
                }
                Some(Node::Element(child)) => {
                    let declarations = r.own_declarations();
                    r.count_items(&child, 1 + declarations.len())?;
                    let started = start_element(r, &child, declarations)?;
                    r.count_items(&child, started.attributes.len())?;
                    open.push(started);
                }
                None => {
                    // `open` is never empty here: the top element is popped last, and returned.
                    let Some(done) = open.pop() else {
                        return Err(r.error(DecodeErrorKind::Truncated(String::from("any"))));
                    };
                    match open.last_mut() {
                        Some(parent) => parent.children.push(XmlNode::Element(done)),
                        None => return Ok(done),
                    }
                }
            }
        }
    }

    /// Writes the element: its name with its prefix, its namespace declarations and those its
    /// names need, its attributes and its content, escaped. Characters XML 1.0 cannot carry,
    /// names that are not XML names and duplicate attributes are errors.
    ///
    /// The element declares every prefix it uses, so it can be written anywhere a generated
    /// value can (the writer never binds the default namespace itself).
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let mut scopes = Scopes::default();
        let mut open: Vec<(&XmlElement, usize, String)> = Vec::new();
        let qname = open_element(self, w, &mut scopes)?;
        open.push((self, 0, qname));
        loop {
            let Some((element, index, _)) = open.last_mut() else {
                return Ok(());
            };
            let element: &XmlElement = element;
            match element.children.get(*index) {
                Some(node) => {
                    *index += 1;
                    match node {
                        XmlNode::Text(text) => w.text_in(text, &element.local)?,
                        XmlNode::Element(child) => {
                            let qname = open_element(child, w, &mut scopes)?;
                            open.push((child, 0, qname));
                        }
                    }
                }
                None => {
                    if let Some((_, _, qname)) = open.pop() {
                        w.end_dynamic(&qname);
                        scopes.leave();
                    }
                }
            }
        }
    }
}

/// The element `element` (just opened), without content yet, recording `namespaces`.
fn start_element(
    r: &XmlReader<'_>,
    element: &Element<'_>,
    namespaces: Vec<(String, String)>,
) -> Result<XmlElement, DecodeError> {
    let prefix = element.prefix();
    let namespace = match prefix {
        Some(p) => r.resolve(Some(p)).ok_or_else(|| {
            r.error_at(
                element.offset(),
                DecodeErrorKind::Malformed(format!(
                    "the prefix `{p}` of element `{}` is not declared",
                    element.qualified_name()
                )),
            )
        })?,
        None => r.resolve(None).unwrap_or_default(),
    };
    Ok(XmlElement {
        namespace: namespace.to_string(),
        local: element.local_name().to_string(),
        prefix: prefix.map(str::to_string),
        namespaces,
        attributes: element.attributes_all(r)?,
        children: Vec::new(),
    })
}

/// The namespace bindings of the elements being written, innermost last.
#[derive(Debug, Default)]
struct Scopes {
    bindings: Vec<(String, String)>,
    frames: Vec<usize>,
}

impl Scopes {
    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str())
    }

    fn enter(&mut self, declarations: Vec<(String, String)>) {
        self.frames.push(self.bindings.len());
        self.bindings.extend(declarations);
    }

    fn leave(&mut self) {
        if let Some(start) = self.frames.pop() {
            self.bindings.truncate(start);
        }
    }
}

/// The namespace declarations of one element being opened, over the bindings in scope.
struct Declarations<'s> {
    own: Vec<(String, String)>,
    scopes: &'s Scopes,
}

impl Declarations<'_> {
    /// The URI `prefix` is bound to on the element (its own declarations first).
    fn lookup(&self, prefix: &str) -> Option<&str> {
        match self.own.iter().find(|(p, _)| p == prefix) {
            Some((_, uri)) => Some(uri.as_str()),
            None => self.scopes.lookup(prefix),
        }
    }

    fn declares(&self, prefix: &str) -> bool {
        self.own.iter().any(|(p, _)| p == prefix)
    }

    /// A prefix bound nowhere in scope: `ns0`, `ns1`, ...
    fn fresh(&self) -> String {
        (0..)
            .map(|k| format!("ns{k}"))
            .find(|p| self.lookup(p).is_none())
            .unwrap_or_default()
    }

    /// A prefix (not the default) bound to `namespace` here, if any.
    fn prefix_bound_to(&self, namespace: &str) -> Option<String> {
        self.own
            .iter()
            .chain(self.scopes.bindings.iter().rev())
            .map(|(p, _)| p)
            .find(|p| !p.is_empty() && self.lookup(p) == Some(namespace))
            .cloned()
    }
}

fn invalid(element: &str, reason: String) -> EncodeError {
    EncodeError::InvalidValue {
        element: element.to_string(),
        reason,
    }
}

fn not_a_name(element: &str, what: &str, name: &str) -> EncodeError {
    invalid(
        element,
        format!(
            "{what} `{}` is not an XML name",
            name.chars().take(64).collect::<String>()
        ),
    )
}

/// Writes the start tag of `e` with the declarations and attributes it needs, enters its scope
/// and returns the qualified name to close it with.
fn open_element(
    e: &XmlElement,
    w: &mut XmlWriter,
    scopes: &mut Scopes,
) -> Result<String, EncodeError> {
    if !is_ncname(&e.local) {
        return Err(not_a_name(&e.local, "element name", &e.local));
    }
    let mut decls = Declarations {
        own: Vec::with_capacity(e.namespaces.len()),
        scopes: &*scopes,
    };
    for (prefix, uri) in &e.namespaces {
        if prefix == "xml" || prefix == "xmlns" || decls.declares(prefix) {
            continue;
        }
        if !prefix.is_empty() && !is_ncname(prefix) {
            return Err(not_a_name(&e.local, "namespace prefix", prefix));
        }
        decls.own.push((prefix.clone(), uri.clone()));
    }
    // The element's own name.
    let prefix = if e.namespace.is_empty() {
        if decls.lookup("").is_some_and(|uri| !uri.is_empty()) {
            match decls.own.iter_mut().find(|(p, _)| p.is_empty()) {
                Some(default) => default.1.clear(),
                None => decls.own.push((String::new(), String::new())),
            }
        }
        String::new()
    } else if e.namespace == XML_NS {
        String::from("xml")
    } else {
        let wanted = e
            .prefix
            .as_deref()
            .filter(|p| is_ncname(p) && !p.to_ascii_lowercase().starts_with("xml"))
            .unwrap_or("");
        if decls.lookup(wanted) == Some(e.namespace.as_str()) {
            wanted.to_string()
        } else if decls.declares(wanted) {
            let fresh = decls.fresh();
            decls.own.push((fresh.clone(), e.namespace.clone()));
            fresh
        } else {
            decls.own.push((wanted.to_string(), e.namespace.clone()));
            wanted.to_string()
        }
    };
    // The attributes' names: a prefix may be declared here only if no name of this element
    // uses it yet.
    let mut used: Vec<String> = vec![prefix.clone()];
    let mut names: Vec<String> = Vec::with_capacity(e.attributes.len());
    for (i, a) in e.attributes.iter().enumerate() {
        if !is_ncname(&a.local) {
            return Err(not_a_name(&e.local, "attribute name", &a.local));
        }
        if e.attributes[..i]
            .iter()
            .any(|b| b.local == a.local && b.namespace == a.namespace)
        {
            return Err(invalid(
                &e.local,
                format!("attribute `{}` occurs twice", a.local),
            ));
        }
        let attribute_prefix = if a.namespace.is_empty() {
            String::new()
        } else if a.namespace == XML_NS {
            String::from("xml")
        } else if a.namespace == "http://www.w3.org/2000/xmlns/" {
            return Err(invalid(
                &e.local,
                String::from("a namespace declaration is not an attribute"),
            ));
        } else {
            let wanted = a
                .prefix
                .as_deref()
                .filter(|p| is_ncname(p) && !p.to_ascii_lowercase().starts_with("xml"));
            match wanted {
                Some(p) if decls.lookup(p) == Some(a.namespace.as_str()) => p.to_string(),
                Some(p) if !decls.declares(p) && !used.iter().any(|u| u == p) => {
                    decls.own.push((p.to_string(), a.namespace.clone()));
                    p.to_string()
                }
                _ => match decls.prefix_bound_to(&a.namespace) {
                    Some(p) => p,
                    None => {
                        let fresh = decls.fresh();
                        decls.own.push((fresh.clone(), a.namespace.clone()));
                        fresh
                    }
                },
            }
        };
        names.push(if attribute_prefix.is_empty() {
            a.local.clone()
        } else {
            format!("{attribute_prefix}:{}", a.local)
        });
        used.push(attribute_prefix);
    }
    let qname = if prefix.is_empty() {
        e.local.clone()
    } else {
        format!("{prefix}:{}", e.local)
    };
    w.start_dynamic(&qname);
    for (p, uri) in &decls.own {
        w.attr_in(
            &if p.is_empty() {
                String::from("xmlns")
            } else {
                format!("xmlns:{p}")
            },
            uri,
            &e.local,
        )?;
    }
    for (name, a) in names.iter().zip(&e.attributes) {
        w.attr_in(name, &a.value, &e.local)?;
    }
    let own = decls.own;
    scopes.enter(own);
    Ok(qname)
}

/// The namespaces an `xs:any` (or `xs:anyAttribute`) accepts: its `namespace` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamespaceConstraint {
    /// `##any`: every namespace, and none.
    Any,
    /// `##other`: every namespace but the schema's target namespace (given) and none.
    Other(&'static str),
    /// `##local`: unqualified names only.
    Local,
    /// A list of namespaces; `""` stands for `##local` (no namespace), and `##targetNamespace`
    /// is given as the target namespace itself.
    List(&'static [&'static str]),
}

impl NamespaceConstraint {
    /// True when an element or attribute in `namespace` (empty for none) is allowed.
    pub fn matches(&self, namespace: &str) -> bool {
        match self {
            NamespaceConstraint::Any => true,
            NamespaceConstraint::Other(target) => !namespace.is_empty() && namespace != *target,
            NamespaceConstraint::Local => namespace.is_empty(),
            NamespaceConstraint::List(namespaces) => namespaces.contains(&namespace),
        }
    }
}
