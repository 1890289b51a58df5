//! [`Guid`] <-> `uuid::Uuid` (feature `uuid`): every value fits both ways. A `Guid` keeps the
//! letter case it was sent in; one made from a `Uuid` is in lower case.

use crate::types::Guid;

impl From<&Guid> for uuid::Uuid {
    /// The same 128 bits.
    fn from(value: &Guid) -> Self {
        uuid::Uuid::from_u128(value.as_u128())
    }
}

impl From<Guid> for uuid::Uuid {
    /// The same 128 bits.
    fn from(value: Guid) -> Self {
        uuid::Uuid::from(&value)
    }
}

impl From<uuid::Uuid> for Guid {
    /// The same 128 bits, in lower case.
    fn from(value: uuid::Uuid) -> Self {
        Guid::from_u128(value.as_u128())
    }
}
