//! Formats emitted items as Rust source text: `syn` parses the tokens, `prettyplease` prints
//! them.
//!
//! Parsing and printing are most of the time generation takes, so the items are formatted part
//! by part as they are emitted, on helper threads while the caller emits the rest
//! ([`Pipeline`]), and never held whole. The parts the text writer (`rust/text`) wrote already
//! formatted take their place as they are ([`Pipeline::push_text`]).

use std::sync::{mpsc, Arc, Mutex};
use std::thread::{Scope, ScopedJoinHandle};

use proc_macro2::TokenStream;

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

/// At most this many helper threads format; more bring little, as the caller's emission and
/// the ordered joining are sequential.
const MAX_HELPERS: usize = 3;

/// Formats the parts of a module, in order, as they are emitted: each part (one or a few
/// items) crosses to the helper threads as text and its tokens are dropped at once, so that
/// the token streams and syntax trees of the whole module are never held at the same time.
/// The caller emits while the helpers format; once everything is emitted, the caller formats
/// the parts still waiting alongside the helpers, so that the work is shared whichever side is
/// faster (the waiting parts are text, far smaller than their tokens). prettyplease prints a
/// file item by item, so the parts joined in order are the text the whole would give.
pub struct Pipeline<'scope> {
    jobs: Option<mpsc::Sender<Job>>,
    /// The helpers' queue, from which the caller takes the parts still waiting at the end.
    queue: Arc<Mutex<mpsc::Receiver<Job>>>,
    results: mpsc::Receiver<Done>,
    workers: Vec<ScopedJoinHandle<'scope, ()>>,
    /// The formatted text of each slot, in output order; `None` while it is being formatted.
    parts: Vec<Option<Result<String, GenerateError>>>,
    /// Parts sent to the helpers and not yet received back.
    in_flight: usize,
}

/// A part to format: its slot and its tokens as text (token streams are not `Send`, so the
/// items cross as text, which the helper lexes again).
struct Job {
    slot: usize,
    text: String,
}

/// A formatted part and its slot.
type Done = (usize, Result<String, GenerateError>);

/// A slot of the output, reserved in output order and filled later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot(usize);

impl<'scope> Pipeline<'scope> {
    /// Starts the helper threads in `scope`: one less than the available parallelism (at
    /// least one, at most [`MAX_HELPERS`]).
    pub fn spawn(scope: &'scope Scope<'scope, '_>) -> Self {
        let helpers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .saturating_sub(1)
            .clamp(1, MAX_HELPERS);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let (done, results) = mpsc::channel::<Done>();
        let workers = (0..helpers)
            .map(|_| {
                let queue = Arc::clone(&queue);
                let done = done.clone();
                scope.spawn(move || loop {
                    // A poisoned lock means another helper panicked; `finish` reports it.
                    let job = match queue.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    if done.send((job.slot, format_text(&job.text))).is_err() {
                        return;
                    }
                })
            })
            .collect();
        Pipeline {
            jobs: Some(jobs),
            queue,
            results,
            workers,
            parts: Vec::new(),
            in_flight: 0,
        }
    }

    /// Reserves the next slot of the output, to be filled with [`Pipeline::fill`].
    pub fn reserve(&mut self) -> Slot {
        self.parts.push(None);
        Slot(self.parts.len() - 1)
    }

    /// Formats `items` into the next slot of the output.
    pub fn push(&mut self, items: TokenStream) {
        let slot = self.reserve();
        self.fill(slot, items);
    }

    /// Places `text`, already formatted, in the next slot of the output.
    pub fn push_text(&mut self, text: String) {
        self.parts.push(Some(Ok(text)));
    }

    /// Formats `items` into `slot`: sends them to the helpers (here when they are gone).
    pub fn fill(&mut self, slot: Slot, items: TokenStream) {
        while let Ok((done, text)) = self.results.try_recv() {
            self.received(done, text);
        }
        if let Some(jobs) = &self.jobs {
            let job = Job {
                slot: slot.0,
                text: items.to_string(),
            };
            match jobs.send(job) {
                Ok(()) => self.in_flight += 1,
                Err(mpsc::SendError(job)) => self.parts[slot.0] = Some(format_text(&job.text)),
            }
            return;
        }
        self.parts[slot.0] = Some(format_items(items));
    }

    fn received(&mut self, slot: usize, text: Result<String, GenerateError>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if let Some(part) = self.parts.get_mut(slot) {
            *part = Some(text);
        }
    }

    /// Waits for the helpers and returns `head` followed by the parts in slot order; the parts
    /// still waiting for a helper are formatted here meanwhile.
    pub fn finish(mut self, head: String) -> Result<String, GenerateError> {
        // Closing the queue ends the helpers once it is empty.
        self.jobs = None;
        loop {
            let waiting = match self.queue.lock() {
                Ok(receiver) => receiver.try_recv().ok(),
                Err(_) => None,
            };
            let Some(job) = waiting else { break };
            self.in_flight = self.in_flight.saturating_sub(1);
            let formatted = format_text(&job.text);
            if let Some(part) = self.parts.get_mut(job.slot) {
                *part = Some(formatted);
            }
        }
        while self.in_flight > 0 {
            match self.results.recv() {
                Ok((slot, text)) => self.received(slot, text),
                Err(_) => break,
            }
        }
        for worker in std::mem::take(&mut self.workers) {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        let mut text = head;
        text.reserve(
            self.parts
                .iter()
                .map(|p| {
                    p.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .map_or(0, String::len)
                })
                .sum(),
        );
        for part in self.parts {
            match part {
                Some(Ok(part)) => text.push_str(&part),
                Some(Err(error)) => return Err(error),
                None => {
                    return Err(GenerateError::InvalidOutput(
                        "a part of the output was never formatted".to_string(),
                    ))
                }
            }
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn items(count: usize) -> Vec<TokenStream> {
        (0..count)
            .map(|i| {
                let name = quote::format_ident!("S{}", i);
                quote! {
                    /// A struct.
                    pub struct #name { pub a: Option<String> }
                    impl #name { pub fn get(&self) -> Option<&str> { self.a.as_deref() } }
                }
            })
            .collect()
    }

    #[test]
    fn parts_formatted_apart_join_into_the_whole() {
        let items = items(200);
        let whole = format_items(items.iter().cloned().collect()).expect("formats");
        let joined = std::thread::scope(|scope| {
            let mut pipeline = Pipeline::spawn(scope);
            for part in items.chunks(3) {
                pipeline.push(part.iter().cloned().collect());
            }
            pipeline.finish(String::new()).expect("formats")
        });
        assert_eq!(joined, whole);
    }

    #[test]
    fn reserved_slots_keep_their_place() {
        let items = items(40);
        let whole = format_items(items.iter().cloned().collect()).expect("formats");
        let joined = std::thread::scope(|scope| {
            let mut pipeline = Pipeline::spawn(scope);
            let first = pipeline.reserve();
            for part in &items[1..] {
                pipeline.push(part.clone());
            }
            pipeline.fill(first, items[0].clone());
            pipeline.finish(String::new()).expect("formats")
        });
        assert_eq!(joined, whole);
    }

    #[test]
    fn invalid_parts_are_errors() {
        let result = std::thread::scope(|scope| {
            let mut pipeline = Pipeline::spawn(scope);
            pipeline.push(quote!(
                pub struct A;
            ));
            pipeline.push(quote!(pub struct));
            pipeline.finish(String::new())
        });
        assert!(matches!(result, Err(GenerateError::InvalidOutput(_))));
    }

    #[test]
    fn an_unfilled_slot_is_an_error() {
        let result = std::thread::scope(|scope| {
            let mut pipeline = Pipeline::spawn(scope);
            let _ = pipeline.reserve();
            pipeline.finish(String::new())
        });
        assert!(matches!(result, Err(GenerateError::InvalidOutput(_))));
    }
}
