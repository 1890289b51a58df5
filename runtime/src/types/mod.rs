//! Lossless Rust types for the XML Schema and WCF types that have no exact std equivalent.

mod collections;
mod convert;
mod datetime;
mod lexical;
mod list;

pub use collections::{FlagSet, OrderedMap};
pub use convert::ConversionError;
pub use datetime::{DateTime, Offset};
pub use lexical::{Decimal, Duration, Guid, QName};
pub use list::SimpleList;
