//! The parser's error type: what went wrong, where, and what to do about it.
//!
//! Every [`WsdlError`] carries a [`Location`] (file, line, column and the source line) and an
//! [`ErrorKind`]; `Display` renders both like a compiler diagnostic:
//!
//! ```text
//! error: unresolved type reference `tns:Foo`
//!   --> path/file.wsdl:12:7
//!    |
//! 12 |     <xs:element name="x" type="tns:Foo"/>
//!    |
//!    = help: declare the type in an xs:schema or fix the prefix
//! ```

use std::fmt;

/// Longest source line shown in a diagnostic; longer lines are cut with `…`.
const MAX_SNIPPET_CHARS: usize = 160;

/// WSDL 1.1's namespace, as diagnostics name it.
const WSDL_NAMESPACE: &str = super::xml::WSDL_NS;

/// "in no namespace" or "in namespace `ns`", for a diagnostic about an element's namespace.
fn in_namespace(namespace: Option<&str>) -> String {
    match namespace {
        None | Some("") => "in no namespace".to_string(),
        Some(namespace) => format!("in namespace `{namespace}`"),
    }
}

/// Where in which file an error was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file name as given to the parser (or derived from an import location).
    pub file: String,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column number, in characters.
    pub column: u32,
    /// The text of that source line (without its line break); empty when unknown.
    pub source_line: String,
}

impl Location {
    /// The location of byte `offset` in `text`, a document read from `file`.
    pub(crate) fn at_offset(file: &str, text: &str, offset: usize) -> Location {
        super::lines::LineIndex::new(text).locate(file, text, offset)
    }

    /// The location of 1-based `line` and `column` in `text`, a document read from `file`.
    pub(crate) fn at_line(file: &str, text: &str, line: u32, column: u32) -> Location {
        let source_line = text
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        Location {
            file: file.to_string(),
            line,
            column,
            source_line,
        }
    }

    /// The source line, cut to a window around the column when it is long (as diagnostics
    /// show it).
    pub fn excerpt(&self) -> String {
        snippet(&self.source_line, self.column)
    }

    /// The start of `file`, without a source line (for errors about the file as a whole).
    pub(crate) fn file_start(file: &str) -> Location {
        Location {
            file: file.to_string(),
            line: 1,
            column: 1,
            source_line: String::new(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// What went wrong. The `Display` text is the headline of the diagnostic; [`ErrorKind::help`]
/// says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The document is not well-formed XML.
    #[error("malformed XML: {message}")]
    Xml {
        /// The XML parser's description.
        message: String,
    },
    /// The document references an entity that its `<!DOCTYPE>` declares; such entities are
    /// not expanded (entity expansion attacks).
    #[error("the document references the entity `&{name};` that its DOCTYPE declares")]
    DeclaredEntity {
        /// The entity's name.
        name: String,
    },
    /// A file could not be read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The path that was tried.
        path: String,
        /// The operating system's description.
        message: String,
    },
    /// A file's bytes are not text in the encoding its byte order mark or XML declaration
    /// names (UTF-8 when neither does), or name an encoding no decoder knows.
    #[error("cannot decode `{path}`: {message}")]
    Encoding {
        /// The file.
        path: String,
        /// What is wrong, from the decoder.
        message: String,
    },
    /// An import names a location, but the document was parsed from a string.
    #[error("cannot follow the import of `{location}` when parsing from a string")]
    ImportNeedsFileSystem {
        /// The `location`/`schemaLocation` value.
        location: String,
    },
    /// An import names a URL that is neither a well-known namespace nor found in the schema
    /// directory (documents are never downloaded).
    #[error("remote import `{location}` is not available offline")]
    RemoteImport {
        /// The `location`/`schemaLocation` value.
        location: String,
    },
    /// An import names a relative location where there is no file (nor in the schema directory).
    #[error("imported document `{location}` not found at `{path}`")]
    MissingDocument {
        /// The `location`/`schemaLocation` value as written.
        location: String,
        /// The path it was looked for at, relative to the importing file.
        path: String,
    },
    /// A namespace that schemas refer to is imported without a location (or from a well-known
    /// URL of another namespace), and no document declares it.
    #[error("namespace `{namespace}` is imported without a location and no document declares it")]
    MissingNamespace {
        /// The imported namespace.
        namespace: String,
    },
    /// A line of the schema directory's `catalog.txt` is not `LOCATION FILE`.
    #[error("invalid catalog line: {message}")]
    Catalog {
        /// What is wrong with the line.
        message: String,
    },
    /// The document element is a `definitions` outside WSDL 1.1's namespace: in no namespace
    /// (a WSDL that declares no default namespace for its unprefixed elements) or another one.
    #[error("the document element `definitions` is {}, not in WSDL 1.1's `{WSDL_NAMESPACE}`", in_namespace(namespace.as_deref()))]
    DefinitionsNamespace {
        /// The namespace `definitions` is in, if any.
        namespace: Option<String>,
    },
    /// The document element is not what was expected.
    #[error("expected {expected}, found `{found}`")]
    UnexpectedRoot {
        /// What was expected, e.g. "a `wsdl:definitions` element".
        expected: &'static str,
        /// The element found, as `{namespace}name`.
        found: String,
    },
    /// A required attribute is missing.
    #[error("`{element}` is missing the required attribute `{attribute}`")]
    MissingAttribute {
        /// The element, as written (e.g. `xs:element`).
        element: String,
        /// The attribute's name.
        attribute: &'static str,
    },
    /// An attribute or annotation has a value outside what is allowed.
    #[error("invalid value `{value}` for `{attribute}` on `{element}`: expected {expected}")]
    InvalidValue {
        /// The element, as written.
        element: String,
        /// The attribute (or annotation) name.
        attribute: String,
        /// The value found.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// A QName uses a prefix that has no namespace declaration in scope.
    #[error("undeclared namespace prefix `{prefix}` in `{reference}`")]
    UndeclaredPrefix {
        /// The prefix.
        prefix: String,
        /// The whole QName as written.
        reference: String,
    },
    /// `type=`, `base=` or `itemType=` names no declared or built-in type.
    #[error("unresolved type reference `{reference}`")]
    UnresolvedType {
        /// The QName as written.
        reference: String,
        /// What the schemas do declare by that name ("element"), when they do.
        declared_as: Option<&'static str>,
        /// A type of the same local name declared in another namespace than the
        /// reference names (by its prefix, or by its lack of one), when there is one.
        declared_in: Option<Elsewhere>,
        /// True when the reference is in the XML Schema namespace: a misspelled built-in type
        /// (`xs:integr`), not a missing declaration.
        in_schema_namespace: bool,
        /// True where `--allow-unresolved` would read the reference as `xs:anyType` (not a
        /// union's member type, which must be simple).
        allowable: bool,
    },
    /// `element=` or `ref=` names no global element.
    #[error("unresolved element reference `{reference}`")]
    UnresolvedElement {
        /// The QName as written.
        reference: String,
        /// What the schemas do declare by that name ("complex type", "simple type",
        /// "built-in type"), when they do.
        declared_as: Option<&'static str>,
        /// An element of the same local name declared in another namespace than the
        /// reference names (by its prefix, or by its lack of one), when there is one.
        declared_in: Option<Elsewhere>,
        /// True where `--allow-unresolved` would read the reference as an `xs:anyType` element
        /// (not a substitution group's head, which decides what may stand for it).
        allowable: bool,
    },
    /// `ref=` names no global attribute, attribute group or model group.
    #[error("unresolved {what} reference `{reference}`")]
    UnresolvedReference {
        /// What kind of declaration: "attribute", "attribute group" or "group".
        what: &'static str,
        /// The QName as written.
        reference: String,
        /// One of the same kind and local name declared in another namespace than the
        /// reference names (by its prefix, or by its lack of one), when there is one.
        declared_in: Option<Elsewhere>,
    },
    /// `message=` names no `wsdl:message`.
    #[error("unresolved message reference `{reference}`")]
    UnresolvedMessage {
        /// The QName as written.
        reference: String,
        /// A message of the same local name declared in another namespace than the
        /// reference names (by its prefix, or by its lack of one), when there is one.
        declared_in: Option<Elsewhere>,
    },
    /// `type=` on a binding names no `wsdl:portType`.
    #[error("unresolved port type reference `{reference}`")]
    UnresolvedPortType {
        /// The QName as written.
        reference: String,
        /// A port type of the same local name declared in another namespace than the
        /// reference names (by its prefix, or by its lack of one), when there is one.
        declared_in: Option<Elsewhere>,
    },
    /// A binding operation has no operation of that name in its port type.
    #[error("binding operation `{operation}` is not an operation of port type `{port_type}`")]
    UnresolvedOperation {
        /// The operation name.
        operation: String,
        /// The port type's name.
        port_type: String,
    },
    /// A `part=`/`parts=` names no part of the message.
    #[error("message `{message}` has no part `{part}`")]
    UnresolvedPart {
        /// The message's name.
        message: String,
        /// The missing part.
        part: String,
    },
    /// A binding fault names no fault of the port type operation.
    #[error("operation `{operation}` declares no fault `{fault}` in its port type")]
    UnresolvedFault {
        /// The operation name.
        operation: String,
        /// The fault name.
        fault: String,
    },
    /// Two definitions of the same kind share a name within a namespace (or a parent).
    #[error("duplicate {what} `{name}`{}", scope_suffix(scope))]
    Duplicate {
        /// What kind of definition: "type", "element", "message", ….
        what: &'static str,
        /// The repeated name.
        name: String,
        /// Where names must be unique, e.g. "namespace `urn:x`" or "port type `EMail`"; empty
        /// for the namespace without a name.
        scope: String,
        /// Where the first definition is.
        previous: String,
    },
    /// A construct this parser does not handle (yet).
    #[error("unsupported construct: {construct}")]
    Unsupported {
        /// What was found.
        construct: String,
        /// What to do instead.
        help: &'static str,
    },
    /// A document that breaks a WSDL or XML Schema rule not covered by the other kinds.
    #[error("{message}")]
    Invalid {
        /// What is wrong.
        message: String,
        /// What to do.
        help: &'static str,
    },
}

/// The ways out for a document that cannot be found: a local copy, or generating without it.
fn missing_help(location: &str) -> String {
    let file = super::catalog::last_segment(location).unwrap_or("FILE");
    format!(
        "put a copy in a directory and pass --schema-dir DIR (Builder::schema_dir): it is found \
         as `DIR/{file}` or through a line `{location} FILE` in `DIR/catalog.txt`; or pass \
         --allow-unresolved (Builder::allow_unresolved(true)) to generate anyway, reading what \
         the document declares as xs:anyType"
    )
}

fn scope_suffix(scope: &str) -> String {
    if scope.is_empty() {
        String::new()
    } else {
        format!(" in {scope}")
    }
}

impl ErrorKind {
    /// One line on what to do about the error.
    pub fn help(&self) -> String {
        match self {
            ErrorKind::Xml { .. } => "fix the XML syntax at the indicated position".into(),
            ErrorKind::DeclaredEntity { .. } => {
                "write the entity's text in its place: entities declared in a `<!DOCTYPE …>` are \
                 not expanded (entity expansion attacks), a DOCTYPE whose entities are unused is \
                 read"
                    .into()
            }
            ErrorKind::Io { .. } => {
                "check that the file exists; import locations are relative to the importing file"
                    .into()
            }
            ErrorKind::Encoding { .. } => {
                "save the document in UTF-8, or name the encoding it is written in in its XML \
                 declaration (`<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>`)"
                    .into()
            }
            ErrorKind::ImportNeedsFileSystem { .. } => {
                "use `parse_file` so that relative locations can be followed, or inline the imported document".into()
            }
            ErrorKind::RemoteImport { location } => missing_help(location),
            ErrorKind::MissingDocument { location, .. } => format!(
                "check the location (relative to the importing file); {}",
                missing_help(location)
            ),
            ErrorKind::MissingNamespace { namespace } => format!(
                "put its schema in a directory and pass --schema-dir DIR (Builder::schema_dir) \
                 with a line `{namespace} FILE` in `DIR/catalog.txt`, or add `schemaLocation` to \
                 the import; or pass --allow-unresolved (Builder::allow_unresolved(true)) to \
                 generate anyway, reading what it declares as xs:anyType"
            ),
            ErrorKind::Catalog { .. } => {
                "write one mapping per line: the import's location (or namespace) as written, \
                 whitespace, and a file path relative to the schema directory; `#` starts a comment"
                    .into()
            }
            ErrorKind::DefinitionsNamespace { namespace: None } => format!(
                "declare WSDL 1.1's namespace as the default on this element \
                 (`<definitions xmlns=\"{WSDL_NAMESPACE}\" …>`): without it, `definitions` and \
                 the unprefixed `types`, `message`, `portType`, `binding` and `service` in it are \
                 in no namespace and name nothing WSDL defines"
            ),
            ErrorKind::DefinitionsNamespace { namespace: Some(_) } => format!(
                "bind this element's prefix to WSDL 1.1's namespace `{WSDL_NAMESPACE}` (a WSDL \
                 2.0 `description` is not read)"
            ),
            ErrorKind::UnexpectedRoot { .. } => {
                "pass a WSDL 1.1 document (`<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">`); imported schemas must start with `xs:schema`".into()
            }
            ErrorKind::MissingAttribute { attribute, .. } => {
                format!("add the `{attribute}` attribute")
            }
            ErrorKind::InvalidValue { expected, .. } => format!("use {expected}"),
            ErrorKind::UndeclaredPrefix { prefix, .. } => format!(
                "declare the prefix with `xmlns:{prefix}=\"…\"` on this element or an ancestor"
            ),
            ErrorKind::UnresolvedType {
                reference,
                declared_as: Some(declared),
                ..
            } => format!(
                "`{reference}` is an {declared}, not a type: a wsdl:part names it with `element=`, an xs:element with `ref=`"
            ),
            ErrorKind::UnresolvedType {
                reference,
                declared_in: Some(elsewhere_ns),
                ..
            } => elsewhere("type", reference, elsewhere_ns),
            ErrorKind::UnresolvedType {
                reference,
                in_schema_namespace: true,
                ..
            } => {
                let (prefix, local) = reference.split_once(':').unwrap_or(("", reference));
                match crate::wsdl::schema::nearest_builtin(local) {
                    Some(nearest) if prefix.is_empty() => format!(
                        "XML Schema has no built-in type `{local}`: did you mean `{nearest}`?"
                    ),
                    Some(nearest) => format!(
                        "XML Schema has no built-in type `{local}`: did you mean `{prefix}:{nearest}`?"
                    ),
                    None => format!(
                        "XML Schema has no built-in type `{local}`: name one of its built-in types (`string`, `int`, `dateTime`, …), or fix the prefix if a declared type was meant"
                    ),
                }
            }
            ErrorKind::UnresolvedType { allowable, .. } => with_allow_unresolved(
                "declare the type in an xs:schema or fix the prefix",
                *allowable,
            ),
            ErrorKind::UnresolvedElement {
                reference,
                declared_as: Some(declared),
                ..
            } => format!(
                "`{reference}` is a {declared}, not an element: name it with `type=` (on the wsdl:part or xs:element), or declare a global `<xs:element name=\"…\" type=\"{reference}\"/>`"
            ),
            ErrorKind::UnresolvedElement {
                reference,
                declared_in: Some(elsewhere_ns),
                ..
            } => elsewhere("element", reference, elsewhere_ns),
            ErrorKind::UnresolvedElement { allowable, .. } => with_allow_unresolved(
                "declare the element at the top level of an xs:schema or fix the prefix",
                *allowable,
            ),
            ErrorKind::UnresolvedReference {
                what,
                reference,
                declared_in,
            } => {
                let tag = match *what {
                    "attribute group" => "attributeGroup",
                    "group" => "group",
                    _ => "attribute",
                };
                match declared_in {
                    Some(elsewhere_ns) => elsewhere(&format!("xs:{tag}"), reference, elsewhere_ns),
                    None => with_allow_unresolved(
                        &format!(
                            "declare the {what} at the top level of an xs:schema (`<xs:{tag} name=\"…\">`) or fix the prefix"
                        ),
                        true,
                    ),
                }
            }
            ErrorKind::UnresolvedMessage {
                reference,
                declared_in: Some(elsewhere_ns),
            } => elsewhere("wsdl:message", reference, elsewhere_ns),
            ErrorKind::UnresolvedMessage { .. } => {
                "declare the `wsdl:message` or fix the prefix".into()
            }
            ErrorKind::UnresolvedPortType {
                reference,
                declared_in: Some(elsewhere_ns),
            } => elsewhere("wsdl:portType", reference, elsewhere_ns),
            ErrorKind::UnresolvedPortType { .. } => {
                "declare the `wsdl:portType` or fix the prefix".into()
            }
            ErrorKind::UnresolvedOperation { .. } => {
                "bind only operations that the port type declares, with the same name".into()
            }
            ErrorKind::UnresolvedPart { .. } => "name a `wsdl:part` of that message".into(),
            ErrorKind::UnresolvedFault { .. } => {
                "declare the fault on the port type operation with the same name".into()
            }
            ErrorKind::Duplicate { previous, .. } => {
                format!("rename or remove one of them; the first one is at {previous}")
            }
            ErrorKind::Unsupported { help, .. } | ErrorKind::Invalid { help, .. } => {
                (*help).to_string()
            }
        }
    }
}

/// `help`, and where `--allow-unresolved` applies, that way out too: a schema the WSDL's
/// publisher left out is the usual cause of a reference that names nothing.
fn with_allow_unresolved(help: &str, allowable: bool) -> String {
    if allowable {
        format!(
            "{help}; if its schema is missing from the contract, pass --allow-unresolved \
             (Builder::allow_unresolved(true)) to generate anyway, reading it as xs:anyType"
        )
    } else {
        help.to_string()
    }
}

/// The help for a reference to a WSDL component declared under the same local name in
/// another namespace than the reference's prefix (or, without one, the default namespace)
/// gives: the usual slip of an unprefixed `message="getQuote"` where the default namespace is
/// WSDL's own.
fn elsewhere(what: &str, reference: &str, found: &Elsewhere) -> String {
    let local = reference.rsplit(':').next().unwrap_or(reference);
    let referenced = match found.referenced.as_str() {
        "" => "no namespace".to_owned(),
        namespace => format!("`{namespace}`"),
    };
    let given = match (reference.contains(':'), found.referenced.is_empty()) {
        (true, _) => format!("this reference's prefix names {referenced}"),
        (false, false) => {
            format!("this reference, without a prefix, is in the default namespace ({referenced})")
        }
        (false, true) => {
            "this reference, without a prefix where no default namespace is declared, is in no namespace".to_owned()
        }
    };
    let namespace = &found.declared;
    if namespace.is_empty() {
        // A declaration in no namespace (its document has no `targetNamespace`) is named
        // without a prefix, where no default namespace applies.
        return format!(
            "the `{what}` named `{local}` is in no namespace (its schema or WSDL has no `targetNamespace`), but {given}: write `{local}` without a prefix where no default namespace is declared (`xmlns=\"\"`), or give its document the `targetNamespace` the reference names"
        );
    }
    format!(
        "the `{what}` named `{local}` is in `{namespace}`, but {given}: write it with a prefix bound to `{namespace}` (e.g. `tns:{local}`)"
    )
}

/// An error reading a WSDL document: an [`ErrorKind`] at a [`Location`].
/// A declaration of the local name a reference names, in another namespace than the one the
/// reference names: what the diagnostic of an unresolved reference shows side by side, so that
/// a slip (a trailing `/`, a prefix bound to an older version's namespace) can be seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    /// The namespace the declaration is in.
    pub declared: String,
    /// The namespace the reference names: its prefix's, or the default namespace (empty: none).
    pub referenced: String,
}

impl Elsewhere {
    /// A declaration in `declared` of the local name of `reference`.
    pub(crate) fn new(declared: &str, reference: &crate::model::QName) -> Self {
        Elsewhere {
            declared: declared.to_owned(),
            referenced: reference.namespace.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WsdlError {
    inner: Box<(ErrorKind, Location)>,
}

impl WsdlError {
    /// An error of `kind` at `location`.
    pub(crate) fn new(kind: ErrorKind, location: Location) -> Self {
        WsdlError {
            inner: Box::new((kind, location)),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.0
    }

    /// Where it went wrong.
    pub fn location(&self) -> &Location {
        &self.inner.1
    }

    /// What to do about it.
    pub fn help(&self) -> String {
        self.kind().help()
    }
}

impl fmt::Display for WsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, loc) = &*self.inner;
        render(f, "error", &kind.to_string(), loc, "help", &kind.help())
    }
}

/// Writes a compiler-style diagnostic: headline, location, source line and a note.
fn render(
    f: &mut fmt::Formatter<'_>,
    severity: &str,
    headline: &str,
    loc: &Location,
    note_kind: &str,
    note: &str,
) -> fmt::Result {
    let number = loc.line.to_string();
    let pad = " ".repeat(number.len());
    writeln!(f, "{severity}: {headline}")?;
    writeln!(f, "{pad}--> {loc}")?;
    if !loc.source_line.is_empty() {
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {}", snippet(&loc.source_line, loc.column))?;
    }
    writeln!(f, "{pad} |")?;
    write!(f, "{pad} = {note_kind}: {note}")
}

/// Something the generator went on despite (with `--allow-unresolved`): a document that was
/// not found, or references that were read as `xs:anyType`. `Display` renders it like a
/// compiler warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What happened.
    pub message: String,
    /// Where: the import, or the first unresolved reference.
    pub location: Location,
    /// What it means for the generated code.
    pub note: String,
}

impl Warning {
    /// The warning on one line (`file:line:col: message`), for `cargo:warning=`.
    pub fn one_line(&self) -> String {
        format!("{}: {}", self.location, self.message)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render(
            f,
            "warning",
            &self.message,
            &self.location,
            "note",
            &self.note,
        )
    }
}

/// `line`, cut to a window of [`MAX_SNIPPET_CHARS`] characters that shows `column`.
fn snippet(line: &str, column: u32) -> String {
    let length = line.chars().count();
    if length <= MAX_SNIPPET_CHARS {
        return line.to_string();
    }
    let column = (column as usize).saturating_sub(1);
    let start = column
        .saturating_sub(MAX_SNIPPET_CHARS / 4)
        .min(length - MAX_SNIPPET_CHARS);
    let mut cut = String::new();
    if start > 0 {
        cut.push('…');
    }
    cut.extend(line.chars().skip(start).take(MAX_SNIPPET_CHARS));
    if start + MAX_SNIPPET_CHARS < length {
        cut.push('…');
    }
    cut
}

impl std::error::Error for WsdlError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler_diagnostic() {
        let text =
            "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n    <xs:element name=\"x\" type=\"tns:Foo\"/>\n";
        let offset = text.find("<xs:element").unwrap_or(0);
        let err = WsdlError::new(
            ErrorKind::UnresolvedType {
                reference: "tns:Foo".into(),
                declared_as: None,
                declared_in: None,
                in_schema_namespace: false,
                allowable: false,
            },
            Location::at_offset("path/file.wsdl", text, offset),
        );
        assert_eq!(
            err.to_string(),
            "error: unresolved type reference `tns:Foo`\n  --> path/file.wsdl:12:5\n   |\n12 |     <xs:element name=\"x\" type=\"tns:Foo\"/>\n   |\n   = help: declare the type in an xs:schema or fix the prefix"
        );
    }

    #[test]
    fn location_counts_characters_not_bytes() {
        let loc = Location::at_offset("f", "é\n  ü<x/>", 7);
        assert_eq!((loc.line, loc.column), (2, 4));
        assert_eq!(loc.source_line, "  ü<x/>");
    }

    /// Any kind of error, to show a location.
    fn malformed() -> ErrorKind {
        ErrorKind::Xml {
            message: "unexpected token".into(),
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let long = format!("{}<y/>{}", "x".repeat(300), "z".repeat(300));
        let err = WsdlError::new(malformed(), Location::at_line("f", &long, 1, 1));
        assert!(err
            .to_string()
            .contains(&format!("1 | {}…\n", "x".repeat(160))));
        let err = WsdlError::new(malformed(), Location::at_line("f", &long, 1, 301));
        let shown = format!("1 | …{}<y/>{}…\n", "x".repeat(40), "z".repeat(116));
        assert!(err.to_string().contains(&shown), "{err}");
        let err = WsdlError::new(malformed(), Location::at_line("f", &long, 1, 600));
        assert!(err
            .to_string()
            .contains(&format!("1 | …{}\n", "z".repeat(160))));
    }
}
