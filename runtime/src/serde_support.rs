//! JSON (and any serde format) for the runtime types, in their wire forms: dates, decimals,
//! durations and GUIDs as their text, bytes as base64, flag sets as lists of flag names, other
//! lists as sequences of their items,
//! dictionaries as maps in order.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use ::base64::Engine as _;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::types::{DateTime, Decimal, Duration, FlagSet, Guid, OrderedMap, QName, SimpleList};

macro_rules! as_text {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
                <$ty>::from_str(&text).map_err(de::Error::custom)
            }
        }
    )*};
}

as_text!(DateTime, Decimal, Duration, Guid);

/// `{namespace}local`, or `local` without a namespace.
impl Serialize for QName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.namespace {
            Some(ns) => serializer.serialize_str(&format!("{{{ns}}}{}", self.local)),
            None => serializer.serialize_str(&self.local),
        }
    }
}

impl<'de> Deserialize<'de> for QName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(
            match text.strip_prefix('{').and_then(|rest| rest.split_once('}')) {
                Some((ns, local)) => QName {
                    namespace: Some(ns.to_string()),
                    local: local.to_string(),
                },
                None => QName {
                    namespace: None,
                    local: text,
                },
            },
        )
    }
}

impl<T: Serialize + PartialEq> Serialize for FlagSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for flag in self.iter() {
            seq.serialize_element(flag)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de> + PartialEq> Deserialize<'de> for FlagSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(deserializer)?.into_iter().collect())
    }
}

impl<T: Serialize> Serialize for SimpleList<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SimpleList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(deserializer)?.into())
    }
}

impl<K: Serialize, V: Serialize> Serialize for OrderedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = OrderedMap::new();
                while let Some((k, v)) = access.next_entry()? {
                    map.push(k, v);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// `#[serde(with = "soap_runtime::serde_support::base64")]` for `Vec<u8>` fields.
pub mod base64 {
    use super::*;

    /// Writes bytes as standard base64 text.
    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    /// Reads standard base64 text.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        ::base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(de::Error::custom)
    }
}

/// `#[serde(with = "soap_runtime::serde_support::base64_option")]` for `Option<Vec<u8>>` fields.
pub mod base64_option {
    use super::*;

    /// Writes `Some` bytes as base64 text, `None` as null.
    pub fn serialize<S: Serializer>(
        bytes: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => base64::serialize(b, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads base64 text or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.map(|t| {
            ::base64::engine::general_purpose::STANDARD
                .decode(t.as_bytes())
                .map_err(de::Error::custom)
        })
        .transpose()
    }
}

/// `#[serde(with = "soap_runtime::serde_support::base64_vec")]` for repeated `Vec<Vec<u8>>` fields.
pub mod base64_vec {
    use super::*;

    /// Writes a list of base64 texts.
    pub fn serialize<S: Serializer>(items: &[Vec<u8>], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&::base64::engine::general_purpose::STANDARD.encode(item))?;
        }
        seq.end()
    }

    /// Reads a list of base64 texts.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<u8>>, D::Error> {
        struct SeqVisitor;
        impl<'de> Visitor<'de> for SeqVisitor {
            type Value = Vec<Vec<u8>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of base64 strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(text) = access.next_element::<String>()? {
                    out.push(
                        ::base64::engine::general_purpose::STANDARD
                            .decode(text.as_bytes())
                            .map_err(de::Error::custom)?,
                    );
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(SeqVisitor)
    }
}
