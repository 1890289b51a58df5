//! XML writing and streaming reading, with the namespace handling SOAP needs and no more.

pub mod any;
mod any_value;
mod attributes;
mod chars;
mod declaration;
mod encoding;
pub(crate) mod name;
mod reader;
mod tokenizer;
mod writer;

pub use any::{NamespaceConstraint, XmlAttribute, XmlElement, XmlNode, XML_NS};
pub use any_value::AnyValue;
pub(crate) use chars::is_ncname;
pub use encoding::{charset_of, decode_document};

pub use name::{Name, Ns, XSI_NS};
pub use reader::{Binary, Element, Limits, Node, XmlReader};
pub use writer::{Mark, XmlWriter};
