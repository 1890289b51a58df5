//! The text of a polymorphic enum (a base type or any type derived from it, told apart by
//! `xsi:type`): the enum, `Default`, a `From` per variant and its `XmlValue` impl.

use super::super::context::Context;
use super::super::emit_types::{polymorphic_doc, polymorphic_variant_doc};
use super::super::names::name_lints;
use super::super::plan::PolymorphicPlan;
use super::super::rustdoc::documented_lines;
use super::{Unsure, Writer};

/// `read_content`'s signature and the reading of `xsi:type`, up to the arms of the match.
const READ_HEAD: &str = "    fn read_content(
        r: &mut XmlReader<'_>,
        element: &Element<'_>,
    ) -> Result<Self, DecodeError> {
        let derived = element.xsi_type(r);
        let derived = derived
            .as_ref()
            .map(|(namespace, local)| (
                namespace.as_deref().unwrap_or_default(),
                local.as_str(),
            ));
        let read: fn(&mut XmlReader<'_>, &Element<'_>) -> Result<Self, DecodeError> = match derived {
";

/// After the arms of `read_content`'s match.
const READ_TAIL: &str = "        };
        read(r, element)
    }
}
";

/// `write_content`'s signature and match.
const WRITE_HEAD: &str =
    "    fn write_content(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
";

impl Context<'_> {
    /// The formatted text of the polymorphic enum `plan` and its impls, as the token path
    /// prints them; `None` where the text writer cannot be sure of the layout.
    pub(in super::super) fn polymorphic_text(&self, plan: &PolymorphicPlan) -> Option<String> {
        if !self.direct_text || plan.variants.len() < 2 {
            return None;
        }
        self.write_polymorphic(plan).ok()
    }

    fn write_polymorphic(&self, plan: &PolymorphicPlan) -> Result<String, Unsure> {
        let mut w = Writer::with_capacity(1024 + plan.variants.len() * 700);
        let name = plan.name.as_str();
        self.item_head(
            &mut w,
            &documented_lines(plan.doc.as_deref(), &polymorphic_doc(plan)),
            "Debug, Clone, PartialEq",
            "",
        )?;
        w.fixed("#[allow(clippy::large_enum_variant)]\n");
        let variant_names: Vec<&str> = plan
            .variants
            .iter()
            .map(|v| v.struct_name.as_str())
            .collect();
        for lint in name_lints(name, &variant_names) {
            w.line(0, lint.attribute())?;
        }
        w.line(0, &format!("pub enum {name} {{"))?;
        for (i, v) in plan.variants.iter().enumerate() {
            w.docs(4, &[format!(" {}", polymorphic_variant_doc(i, v))])?;
            let ty = if v.boxed {
                format!("Box<{}>", v.struct_name)
            } else {
                v.struct_name.clone()
            };
            w.call(4, &v.struct_name, &[ty], ",")?;
        }
        w.fixed("}\n");
        let base = &plan.variants[0];
        w.line(0, &format!("impl Default for {name} {{"))?;
        w.fixed("    fn default() -> Self {\n");
        w.line(
            8,
            &format!("Self::{}(Default::default())", base.struct_name),
        )?;
        w.fixed("    }\n}\n");
        for v in &plan.variants {
            let variant = &v.struct_name;
            w.line(0, &format!("impl From<{variant}> for {name} {{"))?;
            w.line(4, &format!("fn from(value: {variant}) -> Self {{"))?;
            let value = if v.boxed { "Box::new(value)" } else { "value" };
            w.line(8, &format!("Self::{variant}({value})"))?;
            w.fixed("    }\n}\n");
        }
        w.line(0, &format!("impl XmlValue for {name} {{"))?;
        w.fixed(WRITE_HEAD);
        for (i, v) in plan.variants.iter().enumerate() {
            let pat = format!("Self::{}(value)", v.struct_name);
            if i == 0 {
                w.arm(12, &pat, "value.write_content(w)")?;
                continue;
            }
            let ns = self
                .namespace_const(&v.type_name.namespace)
                .unwrap_or("Ns::NONE");
            w.line(12, &format!("{pat} => {{"))?;
            let start = w.start_line(16);
            w.push("w.xsi_type(");
            w.push(ns);
            w.push(", ");
            w.push_literal(&v.type_name.local)?;
            w.push(");");
            w.end_line(start)?;
            w.fixed("                value.write_content(w)\n            }\n");
        }
        w.fixed("        }\n    }\n");
        w.fixed(READ_HEAD);
        self.use_runtime("read_derived");
        for v in plan.variants.iter().skip(1) {
            let mut pat = Writer::with_capacity(80);
            pat.push("Some((");
            pat.push_literal(&v.type_name.namespace)?;
            pat.push(", ");
            pat.push_literal(&v.type_name.local)?;
            pat.push("))");
            read_arm(&mut w, &pat.finish(), &v.struct_name)?;
        }
        read_arm(&mut w, "_", &base.struct_name)?;
        w.fixed(READ_TAIL);
        Ok(w.finish())
    }
}

/// An arm of `read_content`'s match: the reader of the variant `variant` (through the enum's
/// `From` of it).
fn read_arm(w: &mut Writer, pat: &str, variant: &str) -> Result<(), Unsure> {
    w.arm(12, pat, &format!("read_derived::<{variant}, Self>"))
}
