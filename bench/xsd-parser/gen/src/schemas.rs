//! The schemas xsd-parser is given: an XSD file as it is, or the `xs:schema` elements of a WSDL
//! (and of the WSDLs it imports) lifted out as standalone files.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

const XS: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";

/// Why the schemas could not be prepared (before xsd-parser runs).
#[derive(Debug)]
pub enum InputError {
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// A WSDL is not well-formed XML.
    Xml(PathBuf, roxmltree::Error),
    /// An `xs:schema` element has no end of its start tag (not possible in parsed XML).
    StartTag(PathBuf),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Self::Xml(path, e) => write!(f, "{}: {e}", path.display()),
            Self::StartTag(path) => write!(f, "{}: an xs:schema start tag is cut", path.display()),
        }
    }
}

/// One schema lifted out of a WSDL: its target namespace, its text as it stands in the WSDL,
/// and the edits that make it a standalone file.
struct Lifted {
    target: String,
    text: String,
    /// Edits in `text`, in document order: (offset, length replaced, what replaces it).
    edits: Vec<(usize, usize, Edit)>,
}

/// What an edit puts into a lifted schema's text.
enum Edit {
    /// Text as it is (the namespace declarations of the ancestors, an absolute location).
    Text(String),
    /// ` schemaLocation="schemaN.xsd"`: the lifted file holding this namespace.
    LocationOf(String),
}

/// The schema files for `input`, written into `out_dir` when lifted out of a WSDL (an input
/// ending in `.xsd` is used where it is). The paths returned are absolute.
pub fn prepare(input: &Path, out_dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let canonical = input
        .canonicalize()
        .map_err(|e| InputError::Io(input.to_path_buf(), e))?;
    if input.extension().is_some_and(|e| e == "xsd") {
        return Ok(vec![canonical]);
    }
    let mut lifted = Vec::new();
    let mut seen = HashSet::new();
    lift_wsdl(&canonical, &mut seen, &mut lifted)?;
    // Imports that name a namespace only are pointed at the file holding it (as xmllint needs too).
    let files: Vec<(String, String)> = lifted
        .iter()
        .enumerate()
        .map(|(i, schema)| (schema.target.clone(), format!("schema{i}.xsd")))
        .collect();
    let mut paths = Vec::new();
    for (i, schema) in lifted.into_iter().enumerate() {
        let mut text = schema.text;
        for (at, len, edit) in schema.edits.iter().rev() {
            let replacement = match edit {
                Edit::Text(t) => t.clone(),
                Edit::LocationOf(namespace) => match files.iter().find(|(ns, _)| ns == namespace) {
                    Some((_, file)) => format!(" schemaLocation=\"{file}\""),
                    None => continue,
                },
            };
            text.replace_range(*at..*at + *len, &replacement);
        }
        text.insert_str(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let path = out_dir.join(format!("schema{i}.xsd"));
        std::fs::write(&path, text).map_err(|e| InputError::Io(path.clone(), e))?;
        paths.push(
            path.canonicalize()
                .map_err(|e| InputError::Io(path.clone(), e))?,
        );
    }
    Ok(paths)
}

/// Lifts the schemas of the WSDL at `path`, then of the WSDLs it imports (`wsdl:import
/// location`), each WSDL once.
fn lift_wsdl(
    path: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<Lifted>,
) -> Result<(), InputError> {
    if !seen.insert(path.to_path_buf()) {
        return Ok(());
    }
    let text = std::fs::read_to_string(path).map_err(|e| InputError::Io(path.to_path_buf(), e))?;
    let doc =
        roxmltree::Document::parse(&text).map_err(|e| InputError::Xml(path.to_path_buf(), e))?;
    let dir = path.parent().unwrap_or(Path::new("/"));
    let mut imported = Vec::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name();
        if name.namespace() == Some(WSDL) && name.name() == "import" {
            if let Some(location) = node.attribute("location") {
                imported.push(dir.join(location));
            }
        } else if name.namespace() == Some(XS) && name.name() == "schema" {
            out.push(lift_schema(path, dir, &text, node)?);
        }
    }
    for wsdl in imported {
        let canonical = wsdl
            .canonicalize()
            .map_err(|e| InputError::Io(wsdl.clone(), e))?;
        lift_wsdl(&canonical, seen, out)?;
    }
    Ok(())
}

/// One embedded schema as standalone text: the namespaces declared on its ancestors are added
/// to its start tag (prefixes such as `s82:` appear only inside attribute values), relative
/// `schemaLocation`s of its `include`, `import` and `redefine` elements are made absolute (the
/// lifted file lives elsewhere than the WSDL), and imports naming only a namespace are pointed
/// at the lifted file holding it.
fn lift_schema(
    path: &Path,
    dir: &Path,
    wsdl: &str,
    node: roxmltree::Node<'_, '_>,
) -> Result<Lifted, InputError> {
    let range = node.range();
    let text = wsdl[range.clone()].to_string();
    let tag_end = text
        .find('>')
        .ok_or_else(|| InputError::StartTag(path.to_path_buf()))?;
    let start_tag = &text[..tag_end];
    let name_end = start_tag.find(char::is_whitespace).unwrap_or(tag_end);
    let mut declarations = String::new();
    for ns in node.namespaces() {
        let attr = match ns.name() {
            Some(prefix) => format!("xmlns:{prefix}="),
            None => "xmlns=".to_string(),
        };
        if !start_tag.contains(&attr) {
            declarations.push_str(&format!(" {attr}\"{}\"", ns.uri()));
        }
    }
    let mut edits = vec![(name_end, 0, Edit::Text(declarations))];
    for child in node.children().filter(roxmltree::Node::is_element) {
        let name = child.tag_name();
        if name.namespace() != Some(XS) || !matches!(name.name(), "include" | "import" | "redefine")
        {
            continue;
        }
        match child.attribute_node("schemaLocation") {
            Some(location) => {
                let value = location.value();
                if !value.starts_with('/') && !value.contains("://") {
                    let at = location.range_value();
                    let absolute = dir.join(value).display().to_string();
                    edits.push((at.start - range.start, at.len(), Edit::Text(absolute)));
                }
            }
            None => {
                let tag = &wsdl[child.range()];
                let tag_name_end = tag.find(|c: char| c.is_whitespace() || c == '/' || c == '>');
                if let (Some(namespace), Some(end)) = (child.attribute("namespace"), tag_name_end) {
                    let at = child.range().start - range.start + end;
                    edits.push((at, 0, Edit::LocationOf(namespace.to_string())));
                }
            }
        }
    }
    Ok(Lifted {
        target: node
            .attribute("targetNamespace")
            .unwrap_or_default()
            .to_string(),
        text,
        edits,
    })
}
