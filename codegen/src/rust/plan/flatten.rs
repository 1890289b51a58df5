//! A complex type's content with its base types' content first: what a struct of the type
//! holds, through extensions and restrictions.

use super::GenerateError;
use crate::model::{
    Attribute, ComplexType, Definitions, Derivation, Group, QName, TypeDef, Wildcard,
};

/// A complex type's content with its bases' content first.
pub(super) struct Flattened<'c> {
    /// The content models, base types' first.
    pub(super) content: Vec<&'c Group>,
    pub(super) attributes: Vec<&'c Attribute>,
    pub(super) any_attribute: Option<Wildcard>,
    /// True when any level has mixed content.
    pub(super) mixed: bool,
    /// For simple content: the simple type of the text.
    pub(super) text: Option<QName>,
    /// The base chain, nearest first.
    pub(super) chain: Vec<QName>,
}

/// The content of `ct` with its base types' first (an extension adds to its base's content, a
/// restriction restates it), and the base chain.
pub(super) fn flattened<'c>(
    defs: &'c Definitions,
    ct: &'c ComplexType,
) -> Result<Flattened<'c>, GenerateError> {
    let mut chain = Vec::new();
    let mut levels = vec![ct];
    let mut text = None;
    let mut current = ct;
    while let Some(b) = &current.base {
        if chain.contains(b) {
            return Err(GenerateError::Unsupported(format!(
                "the type {b} extends itself"
            )));
        }
        let parent = match defs.schema.types.get(b) {
            Some(TypeDef::Complex(parent)) => parent,
            Some(TypeDef::Simple(_)) | None if current.simple_content => {
                // Simple content ends at its simple (or built-in) base type.
                text = Some(b.clone());
                break;
            }
            _ => {
                return Err(GenerateError::Unresolved(format!("complex base type {b}")));
            }
        };
        if parent.simple_content != ct.simple_content {
            return Err(GenerateError::Unsupported(format!(
                "the type {b} has simple content but is extended with element content"
            )));
        }
        levels.push(parent);
        chain.push(b.clone());
        current = parent;
    }
    levels.reverse();
    let mut flat = Flattened {
        content: Vec::new(),
        attributes: Vec::new(),
        any_attribute: None,
        mixed: false,
        text,
        chain,
    };
    for level in levels {
        if level.derivation == Derivation::Restriction {
            // A restriction restates the content; its attributes replace the base's.
            flat.content.clear();
            flat.attributes
                .retain(|a: &&Attribute| level.attributes.iter().all(|own| own.name != a.name));
        }
        flat.content.extend(level.content.iter());
        flat.attributes.extend(level.attributes.iter());
        flat.mixed |= level.mixed;
        if level.any_attribute.is_some() {
            flat.any_attribute = level.any_attribute.clone();
        }
    }
    Ok(flat)
}
