//! The text of a struct of elements and its `XmlStruct` impl: the item most of a large
//! contract's output is made of.

use super::super::context::Context;
use super::super::emit_content::{field_reader, field_writer};
use super::super::emit_types::{is_mixed, struct_derives, FieldDefForm};
use super::super::names::name_lints;
use super::super::plan::{FieldKind, FieldPlan, StructPlan, StructSource};
use super::super::rustdoc::documented_lines;
use super::{Unsure, Writer};

/// `read_field`'s signature, which never fits on one line.
const READ_FIELD: &str = "    fn read_field(
        &mut self,
        index: usize,
        r: &mut XmlReader<'_>,
        e: &Element<'_>,
    ) -> Result<(), DecodeError> {
";

/// `write_fields`' signature.
const WRITE_FIELDS: &str =
    "    fn write_fields(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {\n";

impl Context<'_> {
    /// The formatted text of the struct `plan` and its `XmlStruct` impl, as the token path
    /// prints it; `None` for a struct the text writer does not model (attributes, wildcards,
    /// groups, choices, simple or mixed content, secrets, schema defaults, typed values, message
    /// parts) or cannot be sure to lay out as prettyplease does.
    pub(in super::super) fn struct_text(&self, plan: &StructPlan) -> Option<String> {
        if !self.direct_text || !self.modelled(plan) {
            return None;
        }
        self.write_struct(plan).ok()
    }

    /// True for a struct the writer models: a plain struct of elements, with no secret,
    /// schema default, `xsi:type` or message parts, which may first hold the value of a base
    /// that is itself such a struct.
    fn modelled(&self, plan: &StructPlan) -> bool {
        !plan.is_group()
            && !plan.simple_content
            && !is_mixed(plan)
            && !matches!(plan.source, StructSource::Parts(_))
            && plan.fields.iter().all(|f| match f.kind {
                FieldKind::Element => !f.secret && f.default.is_none() && f.xsi_type.is_none(),
                FieldKind::Base => self
                    .plan
                    .types
                    .struct_of(&f.shape)
                    .is_some_and(|base| self.modelled(base)),
                _ => false,
            })
    }

    /// The number of table entries of a modelled struct: its elements and its held bases'.
    fn table_len(&self, plan: &StructPlan) -> usize {
        self.plan
            .types
            .held_chain(&plan.name)
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.kind == FieldKind::Element)
                    .count()
            })
            .sum()
    }

    /// `Deref` and `DerefMut` to the held base, as [`Context::base_deref`] prints them.
    fn write_base_deref(w: &mut Writer, name: &str, base: &FieldPlan, target: &str) {
        for line in [
            format!("impl std::ops::Deref for {name} {{\n"),
            format!("    type Target = {target};\n"),
            format!("    fn deref(&self) -> &{target} {{\n"),
            format!("        &self.{}\n", base.rust_name),
            "    }\n}\n".to_string(),
            format!("impl std::ops::DerefMut for {name} {{\n"),
            format!("    fn deref_mut(&mut self) -> &mut {target} {{\n"),
            format!("        &mut self.{}\n", base.rust_name),
            "    }\n}\n".to_string(),
        ] {
            w.fixed(&line);
        }
    }

    fn write_struct(&self, plan: &StructPlan) -> Result<String, Unsure> {
        let mut w = Writer::with_capacity(512 + plan.fields.len() * 400);
        let name = plan.name.as_str();
        self.item_head(
            &mut w,
            &documented_lines(plan.doc.as_deref(), &self.struct_doc(plan)),
            &struct_derives(false, false).join(", "),
            STRUCT_SERDE,
        )?;
        for lint in name_lints(name, &[]) {
            w.line(0, lint.attribute())?;
        }
        if plan.fields.is_empty() {
            let start = w.start_line(0);
            w.push("pub struct ");
            w.push(name);
            w.push(" {}");
            w.end_line(start)?;
        } else {
            let start = w.start_line(0);
            w.push("pub struct ");
            w.push(name);
            w.push(" {");
            w.end_line(start)?;
            for f in &plan.fields {
                self.write_field(&mut w, f)?;
            }
            w.fixed("}\n");
        }
        let held = plan.held_base();
        if let Some(base) = held {
            Self::write_base_deref(&mut w, name, base, &self.type_text(&base.shape));
        }
        let start = w.start_line(0);
        w.push("impl XmlStruct for ");
        w.push(name);
        w.push(" {");
        w.end_line(start)?;
        let start = w.start_line(4);
        w.push("const TYPE_NAME: &'static str = ");
        w.push_literal(name)?;
        w.push(";");
        w.end_line(start)?;
        // The struct's own table entries, and each own field's codec (named in field order,
        // as the token path does); a held base's entries come first, read by its
        // `read_field`.
        let own = &plan.fields[usize::from(held.is_some())..];
        let inherited = self
            .plan
            .types
            .held_struct(plan)
            .map_or(0, |base| self.table_len(base));
        let entries = own
            .iter()
            .map(|f| self.field_entry(f))
            .collect::<Result<Vec<_>, _>>()?;
        let codecs: Vec<String> = own.iter().map(|f| self.field_codec_text(f)).collect();
        // A base with entries reads them, and its table is named.
        let reading_base = held.filter(|_| inherited > 0);
        match reading_base {
            Some(base) => write_base_table(
                &mut w,
                &self.type_text(&base.shape),
                inherited + entries.len(),
                &entries,
            )?,
            None => write_table(&mut w, &entries)?,
        }
        w.fixed(READ_FIELD);
        let base_read = reading_base.map(|base| format!("self.{}.read_field", base.rust_name));
        match (&base_read, own) {
            (Some(read), []) => {
                w.call(8, read, &["index", "r", "e"], "")?;
            }
            (_, []) => w.fixed("        let _ = (index, r, e);\n        Ok(())\n"),
            (None, [only]) => {
                w.fixed("        let _ = index;\n");
                let (method, args) = read_call(only, &codecs[0]);
                w.call(8, &method, &args, "")?;
            }
            (_, fields) => {
                w.fixed("        match index {\n");
                if let Some(read) = &base_read {
                    let pattern = match inherited {
                        1 => "0".to_string(),
                        n => format!("0..={}", n - 1),
                    };
                    let args = ["index", "r", "e"];
                    let flat = format!("{read}({})", args.join(", "));
                    w.arm_with(12, &pattern, &flat, |w, indent| {
                        w.call(indent, read, &args, "")
                    })?;
                }
                for (i, (f, codec)) in fields.iter().zip(&codecs).enumerate() {
                    let (method, args) = read_call(f, codec);
                    let flat = format!("{method}({})", args.join(", "));
                    w.arm_with(12, &(inherited + i).to_string(), &flat, |w, indent| {
                        w.call(indent, &method, &args, "")
                    })?;
                }
                w.fixed("            _ => Ok(()),\n        }\n");
            }
        }
        w.fixed("    }\n");
        w.fixed(WRITE_FIELDS);
        if plan.fields.is_empty() {
            w.fixed("        let _ = w;\n        Ok(())\n");
        } else {
            if !own.is_empty() {
                w.fixed("        let f = Self::FIELDS;\n");
            }
            if let Some(base) = held {
                let start = w.start_line(8);
                w.push("w.base(&self.");
                w.push(&base.rust_name);
                w.push(");");
                w.end_line(start)?;
            }
            for (i, (f, codec)) in own.iter().zip(&codecs).enumerate() {
                let start = w.start_line(8);
                w.push("w.");
                w.push(field_writer(f.occurs));
                w.push("(&f[");
                w.push(&(inherited + i).to_string());
                w.push("], &self.");
                w.push(&f.rust_name);
                w.push(", &");
                w.push(codec);
                w.push(");");
                w.end_line(start)?;
            }
            // The field writers keep the first error they meet: `finish_fields` returns it.
            w.fixed("        w.finish_fields()\n");
        }
        w.fixed("    }\n}\n");
        Ok(w.finish())
    }

    /// A field with its documentation and serde attribute, in the struct's body.
    fn write_field(&self, w: &mut Writer, f: &FieldPlan) -> Result<(), Unsure> {
        w.docs(4, &documented_lines(f.doc.as_deref(), &self.field_doc(f)))?;
        let mut settings = Vec::new();
        for (key, value) in self.serde_field_parts(f) {
            let mut literal = Writer::with_capacity(value.len() + 2);
            literal.push_literal(&value)?;
            settings.push(format!("{key} = {}", literal.finish()));
        }
        if f.kind == FieldKind::Base && self.serde {
            // As `serde_field` puts it: the base's fields beside the struct's own.
            settings.push("flatten".to_string());
        }
        if !settings.is_empty() {
            let items = [
                "feature = \"serde\"".to_string(),
                format!("serde({})", settings.join(", ")),
            ];
            w.attribute_list(4, "cfg_attr", &items)?;
        }
        self.note_shape_items(&f.shape);
        let ty = self.field_type_text(f);
        if !ty
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_<>()".contains(c))
        {
            return Err(Unsure);
        }
        let start = w.start_line(4);
        w.push("pub ");
        w.push(&f.rust_name);
        w.push(": ");
        w.push(&ty);
        w.push(",");
        w.end_line(start)
    }

    /// The field's entry of the table, as it prints on one line.
    fn field_entry(&self, f: &FieldPlan) -> Result<String, Unsure> {
        let form = FieldDefForm::of(f);
        let mut entry = Writer::with_capacity(64);
        entry.push("Field::");
        entry.push(form.constructor);
        entry.push("(");
        entry.push(
            self.namespace_const(&f.wire.namespace)
                .unwrap_or("Ns::NONE"),
        );
        entry.push(", ");
        entry.push_literal(&f.wire.local)?;
        entry.push(")");
        for method in form.methods() {
            entry.push(".");
            entry.push(method);
            entry.push("()");
        }
        Ok(entry.finish())
    }

    /// The codec of an element field (neither defaulted nor typed), as text.
    fn field_codec_text(&self, f: &FieldPlan) -> String {
        let codec = self.codec_name(&f.shape);
        if f.boxed {
            self.use_runtime("Boxed");
            format!("Boxed({codec})")
        } else {
            codec
        }
    }
}

/// The serde settings of a struct, after the crate's.
const STRUCT_SERDE: &str = "default, rename_all = \"PascalCase\"";

/// `const FIELDS`: on one line when it fits, else one entry a line.
fn write_table(w: &mut Writer, entries: &[String]) -> Result<(), Unsure> {
    const HEAD: &str = "const FIELDS: &'static [Field] = &[";
    // `    HEAD` `e1, e2` `];`: two bytes between entries and two after the last.
    let flat: usize = 4 + HEAD.len() + entries.iter().map(|e| e.len() + 2).sum::<usize>();
    if entries.is_empty() || flat <= super::MARGIN {
        let start = w.start_line(4);
        w.push(HEAD);
        w.push_joined(entries);
        w.push("];");
        return w.end_line(start);
    }
    let start = w.start_line(4);
    w.push(HEAD);
    w.end_line(start)?;
    w.item_lines(8, entries, ",")?;
    w.fixed("    ];\n");
    Ok(())
}

/// `const FIELDS` of a struct holding its base's value: the base's table named, then the
/// struct's own entries (`Field::after_base`), laid out as prettyplease lays out the tokens.
fn write_base_table(
    w: &mut Writer,
    base: &str,
    length: usize,
    own: &[String],
) -> Result<(), Unsure> {
    w.fixed("    const FIELDS: &'static [Field] = &{\n");
    let head = format!("let fields: [Field; {length}] = Field::after_base(");
    let base_table = format!("{base}::FIELDS");
    let array = format!("&[{}]", own.join(", "));
    let start = w.start_line(8);
    w.push(&head);
    w.push(&base_table);
    w.push(", ");
    w.push(&array);
    w.push(");");
    if w.end_line(start).is_err() {
        // Too long for one line: one argument a line, the array on its own if it fits.
        w.truncate(start);
        let start = w.start_line(8);
        w.push(&head);
        w.end_line(start)?;
        let start = w.start_line(12);
        w.push(&base_table);
        w.end_line_with(start, ",")?;
        let start = w.start_line(12);
        w.push(&array);
        if w.end_line_with(start, ",").is_err() {
            w.truncate(start);
            w.fixed("            &[\n");
            w.item_lines(16, own, ",")?;
            w.fixed("            ],\n");
        }
        w.fixed("        );\n");
    }
    w.fixed("        fields\n    };\n");
    Ok(())
}

/// The read of a field, a call returning `Result<(), DecodeError>`: the method and its
/// arguments (into the field, or onto it for a repeated one).
fn read_call(f: &FieldPlan, codec: &str) -> (String, [String; 3]) {
    let args = [
        "e".to_string(),
        format!("&mut self.{}", f.rust_name),
        format!("&{codec}"),
    ];
    (format!("r.{}", field_reader(f.occurs)), args)
}
