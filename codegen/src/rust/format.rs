//! Formats emitted items as Rust source text: `syn` parses the tokens, `prettyplease` prints
//! them.
//!
//! Parsing and printing are most of the time generation takes, so part of the items can be
//! formatted on a helper thread while the caller emits and formats the rest. prettyplease
//! prints a file item by item, so the parts joined in order are the text the whole would give.

use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use super::GenerateError;

/// Formats `items`, a sequence of Rust items, as the text of a file.
pub fn format_items(items: TokenStream) -> Result<String, GenerateError> {
    let file: syn::File = syn::parse2(items).map_err(invalid_output)?;
    Ok(prettyplease::unparse(&file))
}

fn format_text(text: &str) -> Result<String, GenerateError> {
    let file = syn::parse_file(text).map_err(invalid_output)?;
    Ok(prettyplease::unparse(&file))
}

fn invalid_output(error: syn::Error) -> GenerateError {
    GenerateError::InvalidOutput(error.to_string())
}

/// A helper thread that formats one part of the output. It is started before the caller
/// emits anything, so that it is running by the time its part is ready.
pub struct Helper<'scope> {
    items: mpsc::Sender<String>,
    formatted: ScopedJoinHandle<'scope, Option<Result<String, GenerateError>>>,
}

impl<'scope> Helper<'scope> {
    /// Starts the thread in `scope`.
    pub fn spawn(scope: &'scope Scope<'scope, '_>) -> Self {
        let (items, received) = mpsc::channel::<String>();
        let formatted = scope.spawn(move || received.recv().ok().map(|text| format_text(&text)));
        Helper { items, formatted }
    }

    /// Formats `items` on the thread and returns the text. Token streams are not `Send`, so
    /// the items cross as text, which the thread lexes again.
    pub fn format(self, items: TokenStream) -> Formatting<'scope> {
        // The thread only ends after receiving; if it has panicked, `finish` reports it.
        let _ = self.items.send(items.to_string());
        Formatting(self.formatted)
    }
}

/// Items being formatted on a [`Helper`] thread.
pub struct Formatting<'scope>(ScopedJoinHandle<'scope, Option<Result<String, GenerateError>>>);

impl Formatting<'_> {
    /// Waits for the text.
    pub fn finish(self) -> Result<String, GenerateError> {
        match self.0.join() {
            Ok(Some(result)) => result,
            Ok(None) => Err(GenerateError::InvalidOutput(
                "the formatting thread received nothing".to_string(),
            )),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

/// Splits a sequence of items in two, the first holding `first_percent` of its top-level
/// tokens (a cheap measure of size that does not copy the tokens).
///
/// An item ends with a `;` or a `{ ... }` body (with the `;` that may follow it, as in
/// `const X: T = T { .. };`); every item the emitters write has that form, and a wrong cut
/// would not parse.
pub fn split_items(tokens: TokenStream, first_percent: usize) -> (TokenStream, TokenStream) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let wanted = trees.len() * first_percent / 100;
    let mut cut = 0;
    for (index, tree) in trees.iter().enumerate() {
        if cut >= wanted {
            break;
        }
        let ends_item = match tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(trees.get(index + 1), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        };
        if ends_item {
            cut = index + 1;
        }
    }
    let mut trees = trees.into_iter();
    let first = trees.by_ref().take(cut).collect();
    (first, trees.collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn items() -> TokenStream {
        quote! {
            use a::{b, c};
            pub const X: T = T { a: 1 };
            pub struct S { a: u8 }
            impl S { fn f() {} }
            soap_runtime::xml_structs!(S);
        }
    }

    #[test]
    fn cuts_fall_between_items() {
        let cuts: Vec<(String, String)> = [0, 20, 50, 66, 70, 100]
            .into_iter()
            .map(|percent| {
                let (first, second) = split_items(items(), percent);
                (first.to_string(), second.to_string())
            })
            .collect();
        let whole = items().to_string();
        for (first, second) in &cuts {
            assert_eq!(format!("{first} {second}").trim(), whole);
        }
        let firsts: Vec<&str> = cuts.iter().map(|(first, _)| first.as_str()).collect();
        assert_eq!(
            firsts,
            [
                "",
                "use a :: { b , c } ;",
                "use a :: { b , c } ; pub const X : T = T { a : 1 } ;",
                "use a :: { b , c } ; pub const X : T = T { a : 1 } ; pub struct S { a : u8 }",
                "use a :: { b , c } ; pub const X : T = T { a : 1 } ; pub struct S { a : u8 } impl S { fn f () { } }",
                "use a :: { b , c } ; pub const X : T = T { a : 1 } ; pub struct S { a : u8 } impl S { fn f () { } } soap_runtime :: xml_structs ! (S) ;",
            ]
        );
    }

    #[test]
    fn parts_formatted_apart_join_into_the_whole() {
        let items: TokenStream = (0..200usize)
            .map(|i| {
                let name = quote::format_ident!("S{}", i);
                quote! {
                    /// A struct.
                    pub struct #name { pub a: Option<String> }
                    impl #name { pub fn get(&self) -> Option<&str> { self.a.as_deref() } }
                }
            })
            .collect();
        let whole = format_items(items.clone()).expect("formats");
        let (first, second) = split_items(items, 50);
        let joined = std::thread::scope(|scope| {
            let formatting = Helper::spawn(scope).format(second);
            let mut text = format_items(first).expect("formats");
            text.push_str(&formatting.finish().expect("formats"));
            text
        });
        assert_eq!(joined, whole);
    }
}
