//! Multi-reference values (SOAP 1.1 section 5.4.1): a value given once with `id="x"` and
//! referred to elsewhere with `href="#x"`, inlined before decoding so that generated decoders
//! see every value in place.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use memchr::memmem;

use crate::envelope::{SOAP11_NS, SOAP12_NS};
use crate::error::{DecodeError, DecodeErrorKind, Location, ReferenceProblem};
use crate::xml::{Limits, XmlElement, XmlNode, XmlReader, XmlWriter};

use super::SOAP_ENCODING_NS;

/// How many nodes (elements, attributes, texts, namespace declarations) the document may hold,
/// read and inlined, per item of `max_items`: an encoded array item is an element with an
/// `xsi:type` attribute and a text, and the items of a message are a fraction of its nodes.
const NODES_PER_ITEM: usize = 4;

/// The document with every `href="#id"` reference replaced by the value it refers to; the
/// input itself (borrowed, nothing parsed) when it holds no such reference.
///
/// An element carrying `href="#x"` keeps its name and its other attributes and gains the
/// attributes (but `id`) and content of the element with `id="x"` (found anywhere), with the
/// namespace declarations that content needs; references inside are inlined in turn. Body
/// children after the first that were referred to (the independent multi-reference values
/// SOAP puts after the call's wrapper) are dropped, unless marked `soapenc:root="1"`.
///
/// Errors: an unknown id, an id given twice and a value that contains itself (a cycle) give
/// [`DecodeErrorKind::BadReference`]. A value may be referred to many times, so the output can
/// grow far beyond the input: it is bounded to `NODES_PER_ITEM` (4) × `limits.max_items` nodes,
/// `limits.max_message_size` bytes of text and `limits.max_depth` levels, and fails as soon as
/// it would exceed one ([`DecodeErrorKind::LimitExceeded`]).
pub fn inline_multi_references(input: &[u8], limits: Limits) -> Result<Cow<'_, [u8]>, DecodeError> {
    if !has_local_reference(input) {
        return Ok(Cow::Borrowed(input));
    }
    let budget = limits.max_items.saturating_mul(NODES_PER_ITEM);
    let mut r = XmlReader::new(
        input,
        Limits {
            max_items: budget,
            ..limits
        },
    )?;
    let root_element = r.root()?;
    let root = XmlElement::read(&mut r, &root_element)?;
    r.finish()?;

    let role = if is_envelope(&root) {
        Role::Envelope
    } else {
        Role::Other
    };
    let mut inliner = Inliner {
        input,
        limits,
        budget,
        targets: HashMap::new(),
        referenced: HashSet::new(),
        active: Vec::new(),
        nodes: 0,
        bytes: 0,
        scope: Vec::new(),
        measured: HashMap::new(),
    };
    inliner.index(&root)?;
    // Measured first, in time linear in the input: a graph that would expand beyond the limits
    // fails before anything is copied.
    inliner.measure(&root, 1, role)?;
    let inlined = inliner.element(&root, 1, role)?;
    let mut w = XmlWriter::with_capacity(&[], input.len().saturating_add(input.len() / 2));
    inlined.write(&mut w).map_err(|e| {
        // What was read is written back the same way: failing here is a bug, reported as such.
        DecodeError {
            kind: DecodeErrorKind::Malformed(format!("cannot write the inlined document: {e}")),
            location: Location::default(),
        }
    })?;
    Ok(Cow::Owned(w.into_bytes()))
}

/// True when `input` holds `href="#` (or with `'`, or spaces around `=`): a quick scan that
/// lets documents without references pass untouched.
fn has_local_reference(input: &[u8]) -> bool {
    memmem::find_iter(input, b"href").any(|at| {
        let mut rest = input[at + 4..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace());
        if rest.next() != Some(&b'=') {
            return false;
        }
        let mut rest = rest.skip_while(|b| b.is_ascii_whitespace());
        matches!(rest.next(), Some(b'"' | b'\'')) && rest.next() == Some(&b'#')
    })
}

fn is_envelope(root: &XmlElement) -> bool {
    root.local == "Envelope" && (root.namespace == SOAP11_NS || root.namespace == SOAP12_NS)
}

/// The id an element refers to with `href="#id"`, if any.
fn reference(element: &XmlElement) -> Option<&str> {
    element
        .attributes
        .iter()
        .find(|a| a.namespace.is_empty() && a.local == "href")
        .and_then(|a| a.value.trim().strip_prefix('#'))
}

/// The element's `id`, if it has one.
fn id(element: &XmlElement) -> Option<&str> {
    element.attribute("", "id")
}

/// What an element being inlined is to the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The SOAP `Envelope`.
    Envelope,
    /// Its `Body`: the multi-reference values after the first child are dropped.
    Body,
    /// Anything else.
    Other,
}

/// The role of `child`, an element inside an element of role `role`.
fn child_role(role: Role, child: &XmlElement) -> Role {
    let is_body =
        child.local == "Body" && (child.namespace == SOAP11_NS || child.namespace == SOAP12_NS);
    if role == Role::Envelope && is_body {
        Role::Body
    } else {
        Role::Other
    }
}

/// An element carrying an id, with the namespace bindings in scope where it is.
struct Target<'t> {
    element: &'t XmlElement,
    scope: Scope<'t>,
}

/// The namespace bindings in scope at an element: the declarations of it and its ancestors,
/// shared between elements (a target keeps a pointer, not a copy).
type Scope<'t> = Option<Rc<ScopeNode<'t>>>;

/// The declarations of one element, and those around it.
struct ScopeNode<'t> {
    declarations: &'t [(String, String)],
    outer: Scope<'t>,
}

/// The bindings of `scope` in effect (the innermost per prefix, undeclarations left out),
/// outermost first.
fn effective<'t>(scope: &Scope<'t>) -> Vec<(&'t str, &'t str)> {
    let mut seen: Vec<&'t str> = Vec::new();
    let mut bindings: Vec<(&'t str, &'t str)> = Vec::new();
    let mut node = scope.as_deref();
    while let Some(current) = node {
        for (prefix, uri) in current.declarations.iter().rev() {
            if !seen.contains(&prefix.as_str()) {
                seen.push(prefix);
                if !uri.is_empty() {
                    bindings.push((prefix, uri));
                }
            }
        }
        node = current.outer.as_deref();
    }
    bindings.reverse();
    bindings
}

/// How many declarations `scope` holds (at least as many as are in effect).
fn declarations_in(scope: &Scope<'_>) -> usize {
    let mut count = 0;
    let mut node = scope.as_deref();
    while let Some(current) = node {
        count += current.declarations.len();
        node = current.outer.as_deref();
    }
    count
}

struct Inliner<'t> {
    input: &'t [u8],
    limits: Limits,
    /// Most nodes the output may hold.
    budget: usize,
    targets: HashMap<&'t str, Target<'t>>,
    /// Every id some `href` refers to.
    referenced: HashSet<&'t str>,
    /// The ids being inlined, outermost first: meeting one again is a cycle.
    active: Vec<&'t str>,
    nodes: usize,
    bytes: usize,
    /// The namespace bindings of the output elements being built, innermost last.
    scope: Vec<(String, String)>,
    /// The size of each referred value's content once inlined, by id.
    measured: HashMap<&'t str, Size>,
}

/// The size of (part of) the output.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    /// Elements, attributes, texts and namespace declarations.
    nodes: usize,
    /// Bytes of text and attribute values.
    bytes: usize,
    /// Levels of elements.
    height: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.bytes = self.bytes.saturating_add(other.bytes);
        self.height = self.height.max(other.height);
    }
}

impl<'t> Inliner<'t> {
    /// An error at the first place `needle` occurs in the input (the start when it does not).
    fn error_near(&self, needle: &str, kind: DecodeErrorKind) -> DecodeError {
        let offset = memmem::find(self.input, needle.as_bytes()).unwrap_or(0);
        DecodeError {
            kind,
            location: Location::in_input(self.input, offset as u64),
        }
    }

    fn bad_reference(&self, id: &str, problem: ReferenceProblem) -> DecodeError {
        let needle = match problem {
            ReferenceProblem::DuplicateId => format!("\"{id}\""),
            _ => format!("#{id}"),
        };
        self.error_near(
            &needle,
            DecodeErrorKind::BadReference {
                id: id.chars().take(64).collect(),
                problem,
            },
        )
    }

    /// Finds every element with an id (and the bindings in scope there) and every id referred
    /// to.
    fn index(&mut self, root: &'t XmlElement) -> Result<(), DecodeError> {
        // (element, next child, the bindings in scope inside it)
        let mut open: Vec<(&'t XmlElement, usize, Scope<'t>)> = Vec::new();
        let scope = self.visit(root, None)?;
        open.push((root, 0, scope));
        while let Some((element, index, scope)) = open.last_mut() {
            let element: &'t XmlElement = element;
            match element.children.get(*index) {
                Some(node) => {
                    *index += 1;
                    if let XmlNode::Element(child) = node {
                        let inner = scope.clone();
                        let scope = self.visit(child, inner)?;
                        open.push((child, 0, scope));
                    }
                }
                None => {
                    open.pop();
                }
            }
        }
        Ok(())
    }

    /// Records `element` (inside `outer`'s bindings) if it has an id or a reference, and
    /// returns the bindings in scope inside it.
    fn visit(
        &mut self,
        element: &'t XmlElement,
        outer: Scope<'t>,
    ) -> Result<Scope<'t>, DecodeError> {
        let scope = if element.namespaces.is_empty() {
            outer
        } else {
            Some(Rc::new(ScopeNode {
                declarations: &element.namespaces,
                outer,
            }))
        };
        if let Some(href) = reference(element) {
            self.referenced.insert(href);
        }
        if let Some(id) = id(element) {
            if self.targets.contains_key(id) {
                return Err(self.bad_reference(id, ReferenceProblem::DuplicateId));
            }
            self.targets.insert(
                id,
                Target {
                    element,
                    scope: scope.clone(),
                },
            );
        }
        Ok(scope)
    }

    fn too_deep(&self) -> DecodeError {
        self.error_near(
            "href",
            DecodeErrorKind::LimitExceeded {
                limit: "max_depth",
                max: self.limits.max_depth,
            },
        )
    }

    /// Fails when `size` exceeds the node budget or `max_message_size`.
    fn check(&self, size: Size) -> Result<(), DecodeError> {
        if size.nodes > self.budget {
            return Err(self.error_near(
                "href",
                DecodeErrorKind::LimitExceeded {
                    limit: "max_items (nodes after inlining multi-references, 4 per item)",
                    max: self.limits.max_items,
                },
            ));
        }
        if size.bytes > self.limits.max_message_size {
            return Err(self.error_near(
                "href",
                DecodeErrorKind::LimitExceeded {
                    limit: "max_message_size",
                    max: self.limits.max_message_size,
                },
            ));
        }
        Ok(())
    }

    /// The size `source` will have once inlined at `depth` (what [`Inliner::element`] builds),
    /// computing the content of each referred value once; fails on what `element` would fail
    /// on, before anything is built.
    fn measure(
        &mut self,
        source: &'t XmlElement,
        depth: usize,
        role: Role,
    ) -> Result<Size, DecodeError> {
        if depth > self.limits.max_depth {
            return Err(self.too_deep());
        }
        let attribute_bytes =
            |e: &XmlElement| -> usize { e.attributes.iter().map(|a| a.value.len()).sum() };
        let mut size = Size {
            nodes: 1 + source.attributes.len() + source.namespaces.len(),
            bytes: attribute_bytes(source),
            height: 1,
        };
        let pushed = self.active.len();
        let mut content = source;
        while let Some(id) = reference(content) {
            if self.active.contains(&id) {
                return Err(self.bad_reference(id, ReferenceProblem::Cycle));
            }
            let Some(target) = self.targets.get(id) else {
                return Err(self.bad_reference(id, ReferenceProblem::UnknownId));
            };
            let element = target.element;
            size.add(Size {
                nodes: element.attributes.len() + declarations_in(&target.scope),
                bytes: attribute_bytes(element),
                height: 0,
            });
            self.active.push(id);
            content = element;
        }
        let children = match self.active.get(pushed..).and_then(<[_]>::last).copied() {
            None => self.measure_children(content, depth, role)?,
            Some(id) => match self.measured.get(id) {
                Some(known) => *known,
                None => {
                    let measured = self.measure_children(content, depth, Role::Other)?;
                    self.measured.insert(id, measured);
                    measured
                }
            },
        };
        self.active.truncate(pushed);
        if depth.saturating_add(children.height) > self.limits.max_depth {
            return Err(self.too_deep());
        }
        size.add(Size {
            height: children.height + 1,
            ..children
        });
        self.check(size)?;
        Ok(size)
    }

    /// The size of the content of `content`, an element at `depth`.
    fn measure_children(
        &mut self,
        content: &'t XmlElement,
        depth: usize,
        role: Role,
    ) -> Result<Size, DecodeError> {
        let mut size = Size::default();
        let mut first_child = true;
        for node in &content.children {
            match node {
                XmlNode::Text(text) => size.add(Size {
                    nodes: 1,
                    bytes: text.len(),
                    height: 0,
                }),
                XmlNode::Element(child) => {
                    let first = std::mem::replace(&mut first_child, false);
                    if role == Role::Body && !first && self.is_independent_value(child) {
                        continue;
                    }
                    let child_size = self.measure(child, depth + 1, child_role(role, child))?;
                    size.add(child_size);
                }
            }
            self.check(size)?;
        }
        Ok(size)
    }

    /// Counts `nodes` more nodes and `bytes` more bytes of text against the limits.
    fn charge(&mut self, nodes: usize, bytes: usize) -> Result<(), DecodeError> {
        self.nodes = self.nodes.saturating_add(nodes);
        self.bytes = self.bytes.saturating_add(bytes);
        if self.nodes > self.budget {
            return Err(self.error_near(
                "href",
                DecodeErrorKind::LimitExceeded {
                    limit: "max_items (nodes after inlining multi-references, 4 per item)",
                    max: self.limits.max_items,
                },
            ));
        }
        if self.bytes > self.limits.max_message_size {
            return Err(self.error_near(
                "href",
                DecodeErrorKind::LimitExceeded {
                    limit: "max_message_size",
                    max: self.limits.max_message_size,
                },
            ));
        }
        Ok(())
    }

    /// The namespace `prefix` is bound to in the output being built.
    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.scope
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str())
    }

    /// `source` with every reference in it inlined; `depth` is its depth in the output.
    fn element(
        &mut self,
        source: &'t XmlElement,
        depth: usize,
        role: Role,
    ) -> Result<XmlElement, DecodeError> {
        if depth > self.limits.max_depth {
            return Err(self.error_near(
                "href",
                DecodeErrorKind::LimitExceeded {
                    limit: "max_depth",
                    max: self.limits.max_depth,
                },
            ));
        }
        let mut out = XmlElement {
            namespace: source.namespace.clone(),
            local: source.local.clone(),
            prefix: source.prefix.clone(),
            namespaces: source.namespaces.clone(),
            attributes: source
                .attributes
                .iter()
                .filter(|a| !(a.namespace.is_empty() && a.local == "href"))
                .cloned()
                .collect(),
            children: Vec::new(),
        };
        // Follow the reference (and a target's own reference, if it has one) to the content.
        let mut content = source;
        let pushed = self.active.len();
        while let Some(id) = reference(content) {
            if self.active.contains(&id) {
                return Err(self.bad_reference(id, ReferenceProblem::Cycle));
            }
            let Some(target) = self.targets.get(id) else {
                return Err(self.bad_reference(id, ReferenceProblem::UnknownId));
            };
            self.active.push(id);
            // The target's content may use any binding in scope where it was.
            let frame = self.scope.len();
            self.scope.extend(out.namespaces.iter().cloned());
            let mut needed = Vec::new();
            for (prefix, uri) in effective(&target.scope) {
                if self.lookup(prefix) != Some(uri) {
                    needed.push((prefix.to_string(), uri.to_string()));
                }
            }
            self.scope.truncate(frame);
            for (prefix, uri) in needed {
                match out.namespaces.iter_mut().find(|(p, _)| *p == prefix) {
                    Some(binding) => binding.1 = uri,
                    None => out.namespaces.push((prefix, uri)),
                }
            }
            for a in &target.element.attributes {
                let is_id = a.namespace.is_empty() && a.local == "id";
                let is_href = a.namespace.is_empty() && a.local == "href";
                let present = out
                    .attributes
                    .iter()
                    .any(|b| b.local == a.local && b.namespace == a.namespace);
                if !is_id && !is_href && !present {
                    out.attributes.push(a.clone());
                }
            }
            content = target.element;
        }
        // A referred value's content is inside no envelope part, whatever refers to it.
        let role = if std::ptr::eq(content, source) {
            role
        } else {
            Role::Other
        };
        let text_bytes: usize = out.attributes.iter().map(|a| a.value.len()).sum();
        self.charge(1 + out.attributes.len() + out.namespaces.len(), text_bytes)?;

        let frame = self.scope.len();
        self.scope.extend(out.namespaces.iter().cloned());
        let mut first_child = true;
        for node in &content.children {
            match node {
                XmlNode::Text(text) => {
                    self.charge(1, text.len())?;
                    out.children.push(XmlNode::Text(text.clone()));
                }
                XmlNode::Element(child) => {
                    let first = std::mem::replace(&mut first_child, false);
                    if role == Role::Body && !first && self.is_independent_value(child) {
                        continue;
                    }
                    let inlined = self.element(child, depth + 1, child_role(role, child))?;
                    out.children.push(XmlNode::Element(inlined));
                }
            }
        }
        self.scope.truncate(frame);
        self.active.truncate(pushed);
        Ok(out)
    }

    /// True when `element`, a Body child after the first, is a multi-reference value some
    /// `href` refers to and not marked `soapenc:root="1"`.
    fn is_independent_value(&self, element: &XmlElement) -> bool {
        let referred = id(element).is_some_and(|id| self.referenced.contains(id));
        let root = element
            .attribute(SOAP_ENCODING_NS, "root")
            .is_some_and(|v| v.trim() == "1" || v.trim() == "true");
        referred && !root
    }
}
