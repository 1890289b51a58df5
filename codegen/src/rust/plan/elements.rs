//! The shapes of global elements: one per element, planned on first use by a body, header,
//! fault detail or `ref=`, whatever its type holds (the element itself included).

use super::arrays::is_array;
use super::{Shape, StructSource, TypePlanner};
use crate::model::{Definitions, Field, QName, TypeDef, TypeRef};
use crate::rust::names::type_name;
use crate::rust::GenerateError;

impl<'m> TypePlanner<'m> {
    /// The shape of global element `element`'s type, planning whatever it needs (once per
    /// element, however many bodies, headers and `ref=`s use it).
    pub fn element_shape(&mut self, element: &QName) -> Result<(Shape, bool), GenerateError> {
        if let Some(known) = self.element_shapes.get(element) {
            return Ok(known.clone());
        }
        let defs: &'m Definitions = self.defs;
        let decl = defs
            .schema
            .elements
            .get(element)
            .ok_or_else(|| GenerateError::Unresolved(format!("element {element}")))?;
        let nillable = decl.nillable;
        let source = StructSource::Element(element.clone());
        let shape = match &decl.ty {
            TypeRef::AnonymousComplex(ct) if !is_array(ct) => {
                // Known before its fields are planned, so that a field leading back to the
                // element (a folder of folders, `ref=`s through other elements or groups)
                // finds this struct; `finish` boxes the fields that close such a cycle.
                let rust_name = self.type_names.claim(type_name(&element.local));
                let shape = Shape::Struct(rust_name.clone());
                self.element_shapes
                    .insert(element.clone(), (shape.clone(), nillable));
                self.plan_struct(ct, rust_name, source)?;
                self.document_struct(&shape, decl.documentation.as_deref());
                return Ok((shape, nillable));
            }
            TypeRef::AnonymousComplex(ct) => {
                // An array is its items' shape, known only once they are planned. Items leading
                // back to the array ask for it again: through a struct (a filter's `and` holds
                // filters) the second asking finds the item's struct known and ends; through
                // arrays alone it would nest `Vec`s without end.
                let entered = self.arrays_in_progress.entry(element.clone()).or_insert(0);
                *entered += 1;
                if *entered > 2 {
                    return Err(GenerateError::Unsupported(format!(
                        "the element {element} is an array whose items lead back to it through \
                         arrays alone, which no Rust type can hold"
                    )));
                }
                let shape = self.anonymous_struct(ct, source, &element.local);
                if let Some(entered) = self.arrays_in_progress.get_mut(element) {
                    *entered -= 1;
                }
                shape?
            }
            other => self.type_shape(other, &element.local)?,
        };
        self.element_shapes
            .insert(element.clone(), (shape.clone(), nillable));
        Ok((shape, nillable))
    }

    /// The schema's documentation of global element `element`, if any.
    pub fn element_documentation(&self, element: &QName) -> Option<String> {
        self.defs
            .schema
            .elements
            .get(element)?
            .documentation
            .clone()
    }

    /// Gives the struct of `shape` the documentation `doc` when it has none of its own (the
    /// element's documentation for the anonymous type it declares).
    pub(super) fn document_struct(&mut self, shape: &Shape, doc: Option<&str>) {
        if let (Shape::Struct(name), Some(doc)) = (shape, doc) {
            if let Some(plan) = self.plan.structs.get_mut(name) {
                plan.doc.get_or_insert_with(|| doc.to_string());
            }
        }
    }

    /// The shape of global element `element` as a message body or fault detail: like
    /// [`TypePlanner::element_shape`], but an array or dictionary becomes a struct holding the
    /// repeated element, since a body must be a value of its own, not a bare `Vec`.
    pub fn body_shape(&mut self, element: &QName) -> Result<Shape, GenerateError> {
        let (shape, _) = self.element_shape(element)?;
        if !matches!(shape, Shape::Array { .. } | Shape::Dictionary { .. }) {
            return Ok(shape);
        }
        if let Some(known) = self.body_shapes.get(element) {
            return Ok(known.clone());
        }
        let Some(decl) = self.defs.schema.elements.get(element) else {
            return Ok(shape);
        };
        let ct = match &decl.ty {
            TypeRef::AnonymousComplex(ct) => ct.as_ref(),
            TypeRef::Named(name) => match self.defs.schema.types.get(name) {
                Some(TypeDef::Complex(ct)) => ct,
                _ => return Ok(shape),
            },
            // A global element's own type is never another element's.
            TypeRef::AnonymousSimple(_) | TypeRef::OfElement(_) => return Ok(shape),
        };
        let rust_name = self.type_names.claim(type_name(&element.local));
        if let Shape::Array { item, items, .. } = &shape {
            self.known_fields
                .insert((rust_name.clone(), item.clone()), items.as_ref().clone());
        }
        self.plan_struct(
            ct,
            rust_name.clone(),
            StructSource::Element(element.clone()),
        )?;
        let shape = Shape::Struct(rust_name);
        self.body_shapes.insert(element.clone(), shape.clone());
        Ok(shape)
    }

    /// The shape of the global element a reference (`ref=`) names: the one its declaration
    /// got, not a struct of the referring content's own; `None` for a local element.
    pub(super) fn referenced_shape(
        &mut self,
        field: &Field,
    ) -> Result<Option<Shape>, GenerateError> {
        if !field.reference || !self.defs.schema.elements.contains_key(&field.name) {
            return Ok(None);
        }
        Ok(Some(self.element_shape(&field.name)?.0))
    }
}
