//! XML writing and streaming reading, with the namespace handling SOAP needs and no more.

pub(crate) mod name;
mod reader;
mod tokenizer;
mod writer;

pub use name::{Name, Ns, XSI_NS};
pub use reader::{Binary, Element, Limits, XmlReader};
pub use writer::{Mark, XmlWriter};
