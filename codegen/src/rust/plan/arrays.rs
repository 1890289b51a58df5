//! The planner's array shapes: SOAP-encoded arrays (`soapenc:Array` restrictions), WCF's
//! `ArrayOfX` wrappers and WCF dictionaries, each a `Vec` or `OrderedMap` of its items' shape.

use super::{DictionaryPlan, Shape, TypePlanner};
use crate::model::{
    ArrayType, ComplexType, Field, Particle, QName, TypeRef, SOAP_ENCODING_NS, XSD_NS,
};
use crate::rust::names::type_name;
use crate::rust::GenerateError;

/// True when `ct` becomes a `Vec` of its items rather than a struct of its own (a SOAP-encoded
/// array or a WCF-style array): what [`TypePlanner::soap_array_shape`] and
/// [`TypePlanner::array_shape`] accept.
pub(super) fn is_array(ct: &ComplexType) -> bool {
    is_soap_array(ct) || array_item(ct).is_some()
}

/// True for a restriction of `soapenc:Array`.
fn is_soap_array(ct: &ComplexType) -> bool {
    ct.base
        .as_ref()
        .is_some_and(|base| base.namespace == SOAP_ENCODING_NS && base.local == "Array")
}

/// The repeated element of a WCF-style array: a complex type without base whose only content
/// is that element.
fn array_item(ct: &ComplexType) -> Option<&Field> {
    if ct.base.is_some() || !ct.is_plain_sequence() {
        return None;
    }
    match ct.particles() {
        [Particle::Element(only)] if only.max_occurs.is_repeated() => Some(only),
        _ => None,
    }
}

impl TypePlanner<'_> {
    /// A SOAP-encoded array: a restriction of `soapenc:Array`, its item type given by the
    /// `wsdl:arrayType` of its `soapenc:arrayType` attribute, or by the one element it declares.
    pub(super) fn soap_array_shape(
        &mut self,
        ct: &ComplexType,
        context: &str,
    ) -> Result<Option<Shape>, GenerateError> {
        if !is_soap_array(ct) {
            return Ok(None);
        }
        let declared_item = match ct.particles() {
            [Particle::Element(item)] => Some(item),
            _ => None,
        };
        let (mut item_type, ranks) = match ct.attributes.iter().find_map(|a| a.array_type.clone()) {
            Some(ArrayType { item, ranks }) => (item, ranks),
            None => match declared_item.map(|item| &item.ty) {
                Some(TypeRef::Named(name)) => (name.clone(), Vec::new()),
                _ => (QName::new(XSD_NS, "anyType"), Vec::new()),
            },
        };
        self.namespace(&item_type.namespace);
        let mut items = match declared_item {
            Some(item) if !matches!(item.ty, TypeRef::Named(_)) => {
                self.field_shape(context, item)?
            }
            _ => self.named_shape(&item_type)?,
        };
        // Each bracket group before the last makes the values arrays themselves: `T[][]` is an
        // array of `T[]` values, each an array of `T`; `T[,][]` an array of two-dimensional
        // arrays. The last group is the array's own dimensions: `T[,]` is a two-dimensional
        // array, nested `Vec`s (see `Shape::SoapArray`).
        let dimensions = ranks.last().copied().unwrap_or(1).max(1);
        for &rank in &ranks[..ranks.len().saturating_sub(1)] {
            let rank = rank.max(1);
            let inner = Shape::SoapArray {
                item_type: item_type.clone(),
                dimensions: rank,
                items: Box::new(items),
            };
            item_type = QName::new(
                item_type.namespace.clone(),
                format!("{}[{}]", item_type.local, ",".repeat(rank - 1)),
            );
            items = inner;
        }
        Ok(Some(Shape::SoapArray {
            item_type,
            dimensions,
            items: Box::new(items),
        }))
    }

    /// A complex type without base whose only content is one repeated element is a WCF-style
    /// array.
    pub(super) fn array_shape(&mut self, ct: &ComplexType) -> Result<Option<Shape>, GenerateError> {
        match array_item(ct) {
            Some(only) => {
                self.namespace(&only.name.namespace);
                let items = self.item_shape(only, &only.name.local)?;
                Ok(Some(Shape::Array {
                    item: only.name.clone(),
                    nillable: only.nillable,
                    items: Box::new(items),
                }))
            }
            None => Ok(None),
        }
    }

    pub(super) fn dictionary_shape(
        &mut self,
        ct: &ComplexType,
        name: &QName,
    ) -> Result<Shape, GenerateError> {
        let invalid = || {
            GenerateError::Unsupported(format!(
                "the dictionary type {name} is not one repeated key/value pair element"
            ))
        };
        let [Particle::Element(pair)] = ct.particles() else {
            return Err(invalid());
        };
        let TypeRef::AnonymousComplex(pair_type) = &pair.ty else {
            return Err(invalid());
        };
        let [Particle::Element(key), Particle::Element(value)] = pair_type.particles() else {
            return Err(invalid());
        };
        for n in [&pair.name, &key.name, &value.name] {
            self.namespace(&n.namespace);
        }
        let alias = self.type_names.claim(type_name(&name.local));
        let keys = self.item_shape(key, &key.name.local)?;
        let values = self.item_shape(value, &value.name.local)?;
        self.plan.dictionaries.insert(
            alias.clone(),
            DictionaryPlan {
                name: alias.clone(),
                source: name.clone(),
                keys: keys.clone(),
                values: values.clone(),
            },
        );
        Ok(Shape::Dictionary {
            alias,
            pair: pair.name.clone(),
            key: key.name.clone(),
            value: value.name.clone(),
            keys: Box::new(keys),
            values: Box::new(values),
        })
    }
}
