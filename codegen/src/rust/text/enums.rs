//! The text of an enumeration of a simple type: the enum (with the variant that keeps unknown
//! values), `as_str` and its `SimpleValue` impl.

use super::super::context::Context;
use super::super::emit_types::{enum_doc, enum_variant_doc};
use super::super::names::name_lints;
use super::super::plan::EnumPlan;
use super::super::rustdoc::documented_lines;
use super::{Unsure, Writer};

/// `write_text`, and `parse_text` up to its match's arms.
const PARSE_HEAD: &str = "    fn write_text(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text(self.as_str())
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(
            match text.trim() {
";

impl Context<'_> {
    /// The formatted text of the enumeration `plan` and its impls, as the token path prints
    /// them; `None` where the text writer cannot be sure of the layout.
    pub(in super::super) fn enum_text(&self, plan: &EnumPlan) -> Option<String> {
        if !self.direct_text || plan.variants.is_empty() {
            return None;
        }
        self.use_runtime("SimpleValue");
        self.write_enum(plan).ok()
    }

    fn write_enum(&self, plan: &EnumPlan) -> Result<String, Unsure> {
        let identifier = |name: &str| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !identifier(&plan.unknown_variant) || !plan.variants.iter().all(|v| identifier(&v.0)) {
            return Err(Unsure);
        }
        let mut w = Writer::with_capacity(1024 + plan.variants.len() * 200);
        let (name, unknown) = (plan.name.as_str(), plan.unknown_variant.as_str());
        self.item_head(
            &mut w,
            &documented_lines(plan.doc.as_deref(), &enum_doc(plan)),
            "Debug, Clone, PartialEq, Eq, Hash, Default",
            "",
        )?;
        let variant_names: Vec<&str> = plan
            .variants
            .iter()
            .map(|(variant, _, _)| variant.as_str())
            .chain(std::iter::once(unknown))
            .collect();
        for lint in name_lints(name, &variant_names) {
            w.line(0, lint.attribute())?;
        }
        w.line(0, &format!("pub enum {name} {{"))?;
        for (i, (variant, wire, numeric)) in plan.variants.iter().enumerate() {
            let value_doc = plan.variant_docs.get(i).and_then(Option::as_deref);
            w.docs(
                4,
                &documented_lines(value_doc, &enum_variant_doc(wire, *numeric)),
            )?;
            if i == 0 {
                w.fixed("    #[default]\n");
            }
            w.line(4, &format!("{variant},"))?;
        }
        w.fixed("    /// A value this contract does not list, kept as sent.\n");
        if self.serde {
            w.fixed("    #[cfg_attr(feature = \"serde\", serde(untagged))]\n");
        }
        w.line(4, &format!("{unknown}(String),"))?;
        w.fixed("}\n");
        w.line(0, &format!("impl {name} {{"))?;
        w.fixed(
            "    /// The value's text on the wire.\n    pub fn as_str(&self) -> &str {\n        match self {\n",
        );
        for (variant, wire, _) in &plan.variants {
            let mut literal = Writer::with_capacity(wire.len() + 2);
            literal.push_literal(wire)?;
            w.arm(12, &format!("Self::{variant}"), &literal.finish())?;
        }
        w.arm(12, &format!("Self::{unknown}(other)"), "other")?;
        w.fixed("        }\n    }\n}\n");
        w.line(0, &format!("impl SimpleValue for {name} {{"))?;
        let start = w.start_line(4);
        w.push("const XSD_TYPE: &'static str = ");
        w.push_literal(&plan.source.local)?;
        w.push(";");
        w.end_line(start)?;
        w.fixed(PARSE_HEAD);
        for (variant, wire, _) in &plan.variants {
            let mut literal = Writer::with_capacity(wire.len() + 2);
            literal.push_literal(wire)?;
            w.arm(16, &literal.finish(), &format!("Self::{variant}"))?;
        }
        w.arm(16, "other", &format!("Self::{unknown}(other.to_string())"))?;
        w.fixed("            },\n        )\n    }\n}\n");
        Ok(w.finish())
    }
}
