//! The WSDL's own documentation as rustdoc: plain text made safe for Markdown, so that rustdoc
//! shows it as written and neither renders nor warns about what only looks like markup.
//!
//! The text comes from the reader with whitespace collapsed and paragraphs separated by a blank
//! line (so no line is indented: nothing becomes a code block). Here every character Markdown
//! or rustdoc would read as markup is escaped with a backslash (emphasis, code spans, links and
//! intra-doc links, HTML tags and entities, tables, strikethrough), a paragraph that would start
//! a list, quote or heading has its marker escaped, and URLs become autolinks (`<http://…>`),
//! which rustdoc's `bare_urls` lint asks for.

use proc_macro2::TokenStream;
use quote::quote;

/// Characters that are markup anywhere in a line of Markdown (CommonMark with rustdoc's
/// extensions: tables, strikethrough, footnotes, intra-doc links).
const INLINE_MARKUP: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#'];

/// URL schemes turned into autolinks.
const SCHEMES: &[&str] = &["https://", "http://", "ftp://", "mailto:"];

/// `#[doc]` attributes: the WSDL's documentation `schema` (if any), one paragraph per
/// attribute, then a blank line and the generator's own description `generated`.
pub(super) fn documented(schema: Option<&str>, generated: &str) -> TokenStream {
    let lines = documented_lines(schema, generated);
    quote!(#(#[doc = #lines])*)
}

/// The values of the `#[doc]` attributes [`documented`] gives, one per line.
pub(super) fn documented_lines(schema: Option<&str>, generated: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(schema) = schema {
        for paragraph in schema.split("\n\n").filter(|p| !p.trim().is_empty()) {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(format!(" {}", markdown_safe(paragraph)));
        }
    }
    if !generated.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(" {generated}"));
    }
    lines
}

/// One paragraph of plain text as Markdown that renders as the same text.
pub(super) fn markdown_safe(paragraph: &str) -> String {
    let words: Vec<String> = paragraph.split_whitespace().map(safe_word).collect();
    let mut text = words.join(" ");
    if let Some(escaped) = escape_block_marker(&text) {
        text = escaped;
    }
    text
}

/// A word with its markup escaped and any URL in it made an autolink.
fn safe_word(word: &str) -> String {
    let Some((start, scheme)) = SCHEMES
        .iter()
        .filter_map(|s| word.find(s).map(|i| (i, *s)))
        .min_by_key(|(i, _)| *i)
    else {
        return escape(word);
    };
    let rest = &word[start..];
    // An autolink may hold no spaces, `<` or `>`; quotes and backticks end the URL too.
    let end = rest.find(['<', '>', '"', '`']).unwrap_or(rest.len());
    let url = trim_url(&rest[..end]);
    if url.len() <= scheme.len() {
        return escape(word);
    }
    let after = &rest[url.len()..];
    format!("{}<{url}>{}", escape(&word[..start]), safe_word(after))
}

/// `url` without the punctuation that ends the sentence around it: trailing `.,;:!?'` and a
/// closing parenthesis or bracket it does not open itself (as in `(see http://x.example/a_(b))`).
fn trim_url(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().last() else {
            return url;
        };
        let unopened = |open: char| url.matches(open).count() < url.matches(last).count();
        let trailing = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' => true,
            ')' => unopened('('),
            ']' => unopened('['),
            _ => false,
        };
        if !trailing {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

/// `text` with every inline markup character escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if INLINE_MARKUP.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The paragraph with the marker escaped that would make it a list item, quote, heading or
/// thematic break; `None` when it starts as plain text.
fn escape_block_marker(text: &str) -> Option<String> {
    let first = text.chars().next()?;
    if matches!(first, '-' | '+' | '=') {
        return Some(format!("\\{text}"));
    }
    // An ordered list: up to nine digits, then `.` or `)`.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let marker = text[digits..].chars().next();
        if matches!(marker, Some('.' | ')')) {
            return Some(format!("{}\\{}", &text[..digits], &text[digits..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            markdown_safe("Use <b>bold</b> & `code`, [link] or *star*_under_ | ~x~ #tag"),
            r"Use \<b\>bold\</b\> \& \`code\`, \[link\] or \*star\*\_under\_ \| \~x\~ \#tag"
        );
        assert_eq!(markdown_safe(r"a\b"), r"a\\b");
        assert_eq!(markdown_safe("![img](x)"), r"!\[img\](x)");
    }

    #[test]
    fn block_markers_are_escaped() {
        assert_eq!(markdown_safe("- not a list"), r"\- not a list");
        assert_eq!(markdown_safe("+ nor this"), r"\+ nor this");
        assert_eq!(markdown_safe("1. nor this"), r"1\. nor this");
        assert_eq!(markdown_safe("12) nor this"), r"12\) nor this");
        assert_eq!(markdown_safe("> quote"), r"\> quote");
        assert_eq!(markdown_safe("# heading"), r"\# heading");
        assert_eq!(markdown_safe("=== setext"), r"\=== setext");
        assert_eq!(markdown_safe("2026 was a year."), "2026 was a year.");
    }

    #[test]
    fn urls_become_autolinks() {
        assert_eq!(
            markdown_safe("See https://example.com/a_b?x=1&y=2."),
            "See <https://example.com/a_b?x=1&y=2>."
        );
        assert_eq!(
            markdown_safe("(http://example.com/x), mailto:me@example.com"),
            r"(<http://example.com/x>), <mailto:me@example.com>"
        );
        assert_eq!(
            markdown_safe("x=<http://a.example/b>"),
            r"x=\<<http://a.example/b>\>"
        );
        assert_eq!(markdown_safe("http://"), "http://");
        assert_eq!(
            markdown_safe("(see http://example.com/rules_(2026))."),
            "(see <http://example.com/rules_(2026)>)."
        );
    }

    #[test]
    fn whitespace_is_collapsed_and_paragraphs_kept() {
        assert_eq!(markdown_safe("  a \t  b  "), "a b");
        let tokens = documented(Some("First.\n\n    Second <x>."), "Generated.").to_string();
        assert_eq!(
            tokens,
            quote!(#[doc = " First."] #[doc = ""] #[doc = " Second \\<x\\>."] #[doc = ""] #[doc = " Generated."]).to_string()
        );
        assert_eq!(
            documented(None, "Only ours.").to_string(),
            quote!(#[doc = " Only ours."]).to_string()
        );
    }
}
