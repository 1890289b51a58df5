//! Writes the formatted text of the regular, numerous items directly, without building tokens
//! for `syn` to parse and `prettyplease` to print (the round trip that is most of generation's
//! time on a large contract).
//!
//! The writer knows prettyplease's layout only where it is certain of it, and an item it cannot
//! render with certainty is left to the token path ([`Unsure`]):
//!
//! - prettyplease (0.2, margin [`MARGIN`]) breaks a group of tokens only when the group, with
//!   what follows it up to the next break, does not fit in the line's remaining space. A line
//!   whose one-line form fits within the margin therefore has no break inside it, so every line
//!   written here is checked to fit; one that does not makes the whole item [`Unsure`].
//! - A `#[doc]` attribute prints as `///` and its value (trailing spaces trimmed) on a line of
//!   its own whatever its length, unless the value holds a line break or starts with `/`.
//! - A string literal prints as the token `quote` makes of it; it is written only when made of
//!   printable ASCII other than `"` and `\`, which no escape touches.
//! - The breaks that do happen are written as prettyplease writes them, each decided by the
//!   same measure it uses: fixed text that does not depend on the contract (a signature), and a
//!   few shapes modelled whole: a list (the `FIELDS` table, a `cfg_attr` list) on one line when
//!   it fits, else an item a line; a match arm on one line, else its body in braces; a call of
//!   one argument on one line, else its argument on lines of its own. What prettyplease prints
//!   without measuring it (the comma or semicolon a break adds) is not counted.
//!
//! Every decision (names, types, derives, documentation, codecs) is the token emitters' own,
//! called from here, so there is one source of truth; the tests (`tests.rs`, and
//! `codegen/tests/direct_text.rs` on every WSDL at hand) compare both paths' output, so that a
//! prettyplease that lays out differently is caught.

mod enums;
mod polymorphic;
mod structs;

use proc_macro2::TokenStream;

use super::context::Context;

/// prettyplease's target line width.
pub(super) const MARGIN: usize = 89;

/// An item emitted for the output: tokens to format, or text already formatted.
pub enum Part {
    /// Tokens, formatted by `syn` and `prettyplease`.
    Tokens(TokenStream),
    /// The formatted text.
    Text(String),
}

/// The text writer cannot be sure of prettyplease's layout: the item goes the token path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unsure;

impl Context<'_> {
    /// An item's head as the token path prints it: its doc comment, its derives, and with
    /// serde on the `cfg_attr` of the serde derives (`serde_extra` inside their `serde(..)`).
    fn item_head(
        &self,
        w: &mut Writer,
        docs: &[String],
        derives: &str,
        serde_extra: &str,
    ) -> Result<(), Unsure> {
        w.docs(0, docs)?;
        w.attribute_list(0, "derive", &[derives.to_string()])?;
        if self.serde {
            w.attribute_list(0, "cfg_attr", &self.serde_derive_items(serde_extra))?;
        }
        Ok(())
    }
}

/// Formatted text, written line by line, each line checked to fit.
pub(super) struct Writer {
    out: String,
}

impl Writer {
    /// An empty writer, with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Writer {
            out: String::with_capacity(capacity),
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Starts a line at `indent`; finish it with [`Writer::end_line`].
    pub fn start_line(&mut self, indent: usize) -> usize {
        let start = self.out.len();
        self.out.extend(std::iter::repeat_n(' ', indent));
        start
    }

    /// Drops what was written since `start`: a line that did not fit, to be laid out
    /// otherwise.
    pub fn truncate(&mut self, start: usize) {
        self.out.truncate(start);
    }

    /// Appends `text` to the line being written.
    pub fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Appends `text` as a string literal, when its printed form is certain.
    pub fn push_literal(&mut self, text: &str) -> Result<(), Unsure> {
        if !text
            .chars()
            .all(|c| c == ' ' || (c.is_ascii_graphic() && c != '"' && c != '\\'))
        {
            return Err(Unsure);
        }
        self.out.push('"');
        self.out.push_str(text);
        self.out.push('"');
        Ok(())
    }

    /// Ends the line begun at `start`, which must fit within the margin.
    pub fn end_line(&mut self, start: usize) -> Result<(), Unsure> {
        self.end_line_with(start, "")
    }

    /// Ends the line begun at `start`, which must fit within the margin, with `unmeasured`:
    /// what prettyplease prints without counting it (a comma or semicolon a break adds).
    pub fn end_line_with(&mut self, start: usize, unmeasured: &str) -> Result<(), Unsure> {
        if self.out.len() - start > MARGIN {
            return Err(Unsure);
        }
        self.out.push_str(unmeasured);
        self.out.push('\n');
        Ok(())
    }

    /// A line of `measured` at `indent`, then `unmeasured` (see [`Writer::end_line_with`]).
    pub fn line_with(
        &mut self,
        indent: usize,
        measured: &str,
        unmeasured: &str,
    ) -> Result<(), Unsure> {
        let start = self.start_line(indent);
        self.push(measured);
        self.end_line_with(start, unmeasured)
    }

    /// `func(args)` then `after` (measured: the `,` after an enum variant, or nothing) at
    /// `indent`, as prettyplease prints a call: on one line when it fits, else `func(` on the
    /// line, each argument on a line of its own (indented, with a comma; the last one's is the
    /// comma a break adds, not measured) and `)` with `after` on a line of its own.
    pub fn call<A: AsRef<str>>(
        &mut self,
        indent: usize,
        func: &str,
        args: &[A],
        after: &str,
    ) -> Result<(), Unsure> {
        let flat = func.len()
            + 2
            + args.iter().map(|a| a.as_ref().len()).sum::<usize>()
            + 2 * args.len().saturating_sub(1)
            + after.len();
        let mut start = self.start_line(indent);
        self.push(func);
        self.push("(");
        if indent + flat <= MARGIN {
            self.push_joined(args);
        } else {
            self.end_line(start)?;
            self.item_lines(indent + 4, args, ",")?;
            start = self.start_line(indent);
        }
        self.push(")");
        self.push(after);
        self.end_line(start)
    }

    /// `items` joined by `, ` on the line being written.
    pub fn push_joined<A: AsRef<str>>(&mut self, items: &[A]) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push(item.as_ref());
        }
    }

    /// `items` a line each at `indent`, as prettyplease prints a broken list: each but the
    /// last with a comma, the last followed by `last`, not measured (the comma a break adds,
    /// or nothing).
    pub fn item_lines<A: AsRef<str>>(
        &mut self,
        indent: usize,
        items: &[A],
        last: &str,
    ) -> Result<(), Unsure> {
        for (i, item) in items.iter().enumerate() {
            if i + 1 == items.len() {
                self.line_with(indent, item.as_ref(), last)?;
            } else {
                let start = self.start_line(indent);
                self.push(item.as_ref());
                self.push(",");
                self.end_line(start)?;
            }
        }
        Ok(())
    }

    /// A whole line of `text` at `indent`.
    pub fn line(&mut self, indent: usize, text: &str) -> Result<(), Unsure> {
        let start = self.start_line(indent);
        self.push(text);
        self.end_line(start)
    }

    /// Fixed text whose layout does not depend on the input (it ends with a line break).
    pub fn fixed(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// The outer `#[doc = value]` attributes of `values`, at `indent`.
    pub fn docs(&mut self, indent: usize, values: &[String]) -> Result<(), Unsure> {
        for value in values {
            if value.contains('\n') || value.starts_with('/') {
                return Err(Unsure);
            }
            self.out.extend(std::iter::repeat_n(' ', indent));
            self.out.push_str("///");
            self.out.push_str(value.trim_end_matches(' '));
            self.out.push('\n');
        }
        Ok(())
    }

    /// A match arm `pat => body` at `indent`, whose body is an expression (not a block) that
    /// prints on one line: on one line with a comma when it fits (the comma is not measured),
    /// else the body alone in braces on the next line.
    pub fn arm(&mut self, indent: usize, pat: &str, body: &str) -> Result<(), Unsure> {
        self.arm_with(indent, pat, body, |w, body_indent| {
            w.line(body_indent, body)
        })
    }

    /// A match arm `pat => body` at `indent`, `body` being the body's one-line form:
    /// as [`Writer::arm`], with `broken` writing the body at the indent given when it goes on
    /// lines of its own.
    pub fn arm_with(
        &mut self,
        indent: usize,
        pat: &str,
        body: &str,
        broken: impl FnOnce(&mut Self, usize) -> Result<(), Unsure>,
    ) -> Result<(), Unsure> {
        if indent + pat.len() + 4 + body.len() <= MARGIN {
            self.out.extend(std::iter::repeat_n(' ', indent));
            self.out.push_str(pat);
            self.out.push_str(" => ");
            self.out.push_str(body);
            self.out.push_str(",\n");
            return Ok(());
        }
        let start = self.start_line(indent);
        self.push(pat);
        self.push(" => {");
        self.end_line(start)?;
        broken(self, indent + 4)?;
        let start = self.start_line(indent);
        self.push("}");
        self.end_line(start)
    }

    /// `#[path(items)]` at `indent`, as prettyplease prints an attribute of a list of
    /// comma-separated `items` (each given as it prints on one line): on one line when it
    /// fits, else one item a line.
    pub fn attribute_list(
        &mut self,
        indent: usize,
        path: &str,
        items: &[String],
    ) -> Result<(), Unsure> {
        let flat: usize = items.iter().map(|i| i.len() + 2).sum::<usize>() + path.len() + 3;
        if indent + flat <= MARGIN {
            let start = self.start_line(indent);
            self.push("#[");
            self.push(path);
            self.push("(");
            self.push_joined(items);
            self.push(")]");
            return self.end_line(start);
        }
        let start = self.start_line(indent);
        self.push("#[");
        self.push(path);
        self.push("(");
        self.end_line(start)?;
        // prettyplease adds no comma after an attribute's last item.
        self.item_lines(indent + 4, items, "")?;
        self.line(indent, ")]")
    }
}

#[cfg(test)]
mod tests;
