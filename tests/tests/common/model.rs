//! A test-side view of every generated EMail type: a fully populated value ([`Model::full`]),
//! the value in the oracle's JSON model ([`Model::to_json`], see `tests/oracles/oracle.py`) and a
//! proptest strategy ([`Model::arb`]).
//!
//! The structs are listed in `types.rs` with their fields and element names. A struct literal
//! names every field, so the compiler refuses the list when the generated type gains a field;
//! the element names are checked by zeep, which refuses an argument its type does not have, and
//! "fully populated" is checked by the oracle against the WSDL (no element of any type left out).

use std::fmt::Debug;

use proptest::prelude::*;
use serde_json::{json, Value};
use soap_runtime::{DateTime, FlagSet, OrderedMap};

/// How [`Model::full`] chooses values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Every optional field set, every array with two items, every dictionary with a nil value.
    Full,
    /// A deterministic mix: about one optional field in three left out, arrays of 0 to 2 items.
    Sparse,
}

/// The state of [`Model::full`]: the fill mode and a counter that varies the values.
#[derive(Debug)]
pub struct Gen {
    fill: Fill,
    counter: usize,
    boxes: u32,
}

impl Gen {
    /// A generator in mode `fill`, whose values are varied by `seed`.
    pub fn new(fill: Fill, seed: usize) -> Self {
        Gen {
            fill,
            counter: seed,
            boxes: 0,
        }
    }

    pub fn next(&mut self) -> usize {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    pub fn pick<T: Clone>(&mut self, options: &[T]) -> T {
        let i = self.next() % options.len();
        options[i].clone()
    }
}

/// What the tests need of each generated type.
pub trait Model: Sized + Clone + PartialEq + Debug + 'static {
    /// True for boxed values, which close a type cycle: generation stops at a depth.
    const RECURSIVE: bool = false;
    /// A value with every field set (in [`Fill::Full`]), with values chosen by `g`.
    fn full(g: &mut Gen) -> Self;
    /// The value in the oracle's JSON model.
    fn to_json(&self) -> Value;
    /// A proptest strategy; `depth` bounds the nesting of boxed (recursive) values.
    fn arb(depth: u32) -> BoxedStrategy<Self>;
}

/// Texts that XML writers get wrong: markup characters, non-ASCII, an empty string, whitespace
/// that must survive, a carriage return, a CDATA end.
pub const STRINGS: &[&str] = &[
    "Grüße <&> \"quoted\" 'apos' ]]>",
    "日本語のテキスト 🎉 Ünïcödé",
    "",
    "plain",
    "  two spaces, a tab\tand lines\r\nCRLF\nLF  ",
    "&amp; is not an entity here",
    "7T:1234abcxyzExample==",
];

impl Model for String {
    fn full(g: &mut Gen) -> Self {
        g.pick(STRINGS).to_string()
    }
    fn to_json(&self) -> Value {
        json!(self)
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        xml_string().boxed()
    }
}

/// Strings XML 1.0 can carry, with the characters that need escaping more likely.
pub fn xml_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[\\PC\\t\\n\\r]{0,12}",
        2 => "[<>&\"' a\\r\\n\\t\u{e9}\u{1F389}\u{FFFD}]{0,8}",
        1 => prop::sample::select(STRINGS).prop_map(str::to_string),
    ]
}

impl Model for i32 {
    fn full(g: &mut Gen) -> Self {
        g.pick(&[i32::MIN, i32::MAX, 0, -1, 42, 1_000_000])
    }
    fn to_json(&self) -> Value {
        json!(self)
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        prop_oneof![
            any::<i32>(),
            Just(i32::MIN),
            Just(i32::MAX),
            Just(0),
            Just(-1)
        ]
        .boxed()
    }
}

impl Model for i16 {
    fn full(g: &mut Gen) -> Self {
        g.pick(&[i16::MIN, i16::MAX, 0, 7])
    }
    fn to_json(&self) -> Value {
        json!(self)
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        prop_oneof![any::<i16>(), Just(i16::MIN), Just(i16::MAX), Just(0)].boxed()
    }
}

impl Model for bool {
    fn full(g: &mut Gen) -> Self {
        g.next().is_multiple_of(2)
    }
    fn to_json(&self) -> Value {
        json!(self)
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        any::<bool>().boxed()
    }
}

/// Doubles whose text is easy to get wrong: the largest, the smallest normal and subnormal,
/// negative zero, an exponent, a sum that is not exactly 0.3.
pub const DOUBLES: &[f64] = &[
    59.913_9,
    -0.5,
    f64::MAX,
    f64::MIN_POSITIVE,
    5e-324,
    -0.0,
    1e20,
    0.1 + 0.2,
    -1.5e-7,
];

impl Model for f64 {
    fn full(g: &mut Gen) -> Self {
        g.pick(DOUBLES)
    }
    fn to_json(&self) -> Value {
        if self.is_nan() {
            json!({"$double": "NaN"})
        } else if self.is_infinite() {
            json!({"$double": if *self > 0.0 { "INF" } else { "-INF" }})
        } else {
            json!(self)
        }
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        prop_oneof![
            4 => any::<f64>(),
            1 => prop::sample::select(DOUBLES),
            1 => prop::sample::select(&[f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MIN][..]),
        ]
        .boxed()
    }
}

/// Date-times with an offset and seven fractional digits, UTC, none, the extremes of the range.
pub const DATE_TIMES: &[&str] = &[
    "2024-02-29T23:59:59.1234567+05:30",
    "2021-03-25T21:34:45Z",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59.9999999-14:00",
    "2020-06-15T08:30:00.5-08:00",
    "2023-10-29T02:30:00.000001+01:00",
];

impl Model for DateTime {
    fn full(g: &mut Gen) -> Self {
        let text = g.pick(DATE_TIMES);
        text.parse()
            .unwrap_or_else(|e| panic!("{text} is a valid dateTime: {e}"))
    }
    fn to_json(&self) -> Value {
        Value::String(self.as_str().to_string())
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        date_time().boxed()
    }
}

/// Valid `xs:dateTime` texts: with `Z`, an offset or none, 0 to 9 fractional digits.
pub fn date_time() -> impl Strategy<Value = DateTime> {
    let zone = prop_oneof![
        Just(String::new()),
        Just("Z".to_string()),
        (any::<bool>(), 0u8..=13, 0u8..=59)
            .prop_map(|(neg, h, m)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' })),
        Just("+14:00".to_string()),
        Just("-14:00".to_string()),
    ];
    (
        1i32..=9999,
        1u8..=12,
        1u8..=28,
        0u8..=23,
        0u8..=59,
        0u8..=59,
        "[0-9]{0,9}",
        zone,
    )
        .prop_map(|(y, mo, d, h, mi, s, fraction, zone)| {
            let fraction = if fraction.is_empty() {
                String::new()
            } else {
                format!(".{fraction}")
            };
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}{zone}");
            text.parse::<DateTime>()
                .unwrap_or_else(|e| panic!("{text} is a valid dateTime: {e}"))
        })
}

impl Model for Vec<u8> {
    fn full(g: &mut Gen) -> Self {
        g.pick(&[
            b"\x00\xff binary \x7f\x80 <&>".to_vec(),
            Vec::new(),
            (0u8..=255).collect(),
        ])
    }
    fn to_json(&self) -> Value {
        use base64::Engine as _;
        json!({"$base64": base64::engine::general_purpose::STANDARD.encode(self)})
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        prop::collection::vec(any::<u8>(), 0..40).boxed()
    }
}

impl<T: Model> Model for Option<T> {
    fn full(g: &mut Gen) -> Self {
        if T::RECURSIVE && g.boxes >= 2 {
            return None;
        }
        if g.fill == Fill::Sparse && g.next().is_multiple_of(3) {
            return None;
        }
        Some(T::full(g))
    }
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, Model::to_json)
    }
    fn arb(depth: u32) -> BoxedStrategy<Self> {
        if T::RECURSIVE && depth == 0 {
            return Just(None).boxed();
        }
        prop::option::weighted(0.7, T::arb(depth)).boxed()
    }
}

impl<T: Model> Model for Box<T> {
    const RECURSIVE: bool = true;
    fn full(g: &mut Gen) -> Self {
        g.boxes += 1;
        let value = T::full(g);
        g.boxes -= 1;
        Box::new(value)
    }
    fn to_json(&self) -> Value {
        T::to_json(self)
    }
    fn arb(depth: u32) -> BoxedStrategy<Self> {
        T::arb(depth.saturating_sub(1)).prop_map(Box::new).boxed()
    }
}

impl<T: Model> Model for Vec<T> {
    fn full(g: &mut Gen) -> Self {
        let len = match g.fill {
            Fill::Full => 2,
            Fill::Sparse => g.next() % 3,
        };
        (0..len).map(|_| T::full(g)).collect()
    }
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(Model::to_json).collect())
    }
    fn arb(depth: u32) -> BoxedStrategy<Self> {
        prop::collection::vec(T::arb(depth), 0..3).boxed()
    }
}

impl<V: Model> Model for OrderedMap<String, Option<V>> {
    fn full(g: &mut Gen) -> Self {
        let mut map = OrderedMap::new();
        map.push("Grüße <&>".to_string(), Some(V::full(g)));
        map.push("nil value".to_string(), None);
        if g.fill == Fill::Full {
            map.push(String::new(), Some(V::full(g)));
        }
        map
    }
    fn to_json(&self) -> Value {
        let pairs: Vec<Value> = self
            .iter()
            .map(|(k, v)| json!([k, v.as_ref().map_or(Value::Null, Model::to_json)]))
            .collect();
        json!({ "$dict": pairs })
    }
    fn arb(depth: u32) -> BoxedStrategy<Self> {
        prop::collection::vec((xml_string(), Option::<V>::arb(depth)), 0..3)
            .prop_map(|pairs| pairs.into_iter().collect())
            .boxed()
    }
}

/// An enumeration of the contract (the generated enum with its `Unrecognized` variant).
pub trait EnumModel: Model {
    /// Every value the contract lists.
    fn known() -> Vec<Self>;
    /// The value's text on the wire.
    fn text(&self) -> &str;
    /// A value the contract does not list.
    fn unrecognized(text: String) -> Self;
}

/// Tokens that no enumeration of the contract lists.
pub fn unknown_token() -> impl Strategy<Value = String> {
    "Future[A-Z][A-Za-z0-9_]{0,10}"
}

impl<F: EnumModel> Model for FlagSet<F> {
    fn full(g: &mut Gen) -> Self {
        let all = F::known();
        match g.next() % 4 {
            // Several flags, in an order other than the contract's.
            0 | 1 => all.iter().rev().step_by(2).cloned().collect(),
            2 => all.into_iter().collect(),
            _ => all.into_iter().take(1).collect(),
        }
    }
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(|f| json!(f.text())).collect())
    }
    fn arb(_depth: u32) -> BoxedStrategy<Self> {
        let all = F::known();
        let n = all.len();
        (
            prop::sample::subsequence(all, 0..=n).prop_shuffle(),
            prop::option::weighted(0.2, unknown_token()),
        )
            .prop_map(|(mut flags, unknown)| {
                flags.extend(unknown.map(F::unrecognized));
                flags.into_iter().collect()
            })
            .boxed()
    }
}

/// Implements [`Model`] and [`EnumModel`] for generated enumerations.
macro_rules! enums {
    ($($ty:ident: [$($variant:ident),* $(,)?];)*) => {$(
        impl EnumModel for $ty {
            fn known() -> Vec<Self> {
                vec![$($ty::$variant),*]
            }
            fn text(&self) -> &str {
                self.as_str()
            }
            fn unrecognized(text: String) -> Self {
                $ty::Unrecognized(text)
            }
        }
        impl Model for $ty {
            fn full(g: &mut Gen) -> Self {
                g.pick(&Self::known())
            }
            fn to_json(&self) -> Value {
                Value::String(self.as_str().to_string())
            }
            fn arb(_depth: u32) -> BoxedStrategy<Self> {
                prop_oneof![
                    4 => prop::sample::select(Self::known()),
                    1 => unknown_token().prop_map($ty::Unrecognized),
                ]
                .boxed()
            }
        }
    )*};
}

/// Sets one field of the values of strategy `s` to values of the field's own strategy.
pub fn with_field<T, F>(s: BoxedStrategy<T>, depth: u32, set: fn(&mut T, F)) -> BoxedStrategy<T>
where
    T: Clone + Debug + 'static,
    F: Model,
{
    (s, F::arb(depth))
        .prop_map(move |(mut value, field)| {
            set(&mut value, field);
            value
        })
        .boxed()
}

/// Implements [`Model`] for generated structs: `Type { rust_field: "ElementName", ... }`, or
/// `Type: Base { ... }` for a struct that holds its base type's value in `base`.
macro_rules! structs {
    ($($ty:ident $(: $base:ident)? { $($field:ident : $xml:literal),* $(,)? })*) => {$(
        impl Model for $ty {
            fn full(g: &mut Gen) -> Self {
                let _ = &g;
                $ty { $(base: <$base as Model>::full(g),)? $($field: Model::full(g)),* }
            }
            fn to_json(&self) -> Value {
                #[allow(unused_mut)]
                let mut map = serde_json::Map::new();
                $(
                    // The base's fields stand beside the struct's own in JSON.
                    if let Value::Object(inherited) = <$base as Model>::to_json(&self.base) {
                        map.extend(inherited);
                    }
                )?
                $(
                    if let Some(v) = &self.$field {
                        map.insert($xml.to_string(), Model::to_json(v));
                    }
                )*
                Value::Object(map)
            }
            fn arb(depth: u32) -> BoxedStrategy<Self> {
                let _ = depth;
                let s = Just(<$ty>::default()).boxed();
                $(let s = with_field(s, depth, |v: &mut $ty, f: $base| v.base = f);)?
                $(let s = with_field(s, depth, |v: &mut $ty, f| v.$field = f);)*
                s
            }
        }
    )*};
}

pub(crate) use {enums, structs};
