//! XML writing and streaming reading, with the namespace handling SOAP needs and no more.

mod name;
mod reader;
mod writer;

pub use name::{Name, Ns, XSI_NS};
pub use reader::{Element, Limits, XmlReader};
pub use writer::{Mark, XmlWriter};
