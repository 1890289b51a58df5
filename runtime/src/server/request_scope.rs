//! What a handler learns of the request it serves beside its message, in one task-local entered
//! once per request: the HTTP context ([`with_http_context`](super::with_http_context)), the
//! undeclared header blocks ([`undeclared_headers`](super::undeclared_headers)) and, behind a
//! `RequireSignature`, the verified signer (`wsse::verified_signer`).
//!
//! A tokio task-local moves its value into the thread and back out on every poll of the future
//! it scopes, so each one entered costs every poll of the request that enters it, by the size
//! of its value. [`Server`](super::Server) and [`SoapService`](super::SoapService) enter this
//! scope once, with the HTTP context, around the handler's work; what is learned later (the
//! undeclared blocks once the envelope is read, the signer once the signature verifies) is
//! lent through the scope already entered, in one box made only for a request that has such a
//! value (a request that has neither, most, pays eight bytes of scope for them). Only a request
//! served without HTTP (a generated server's `dispatch`, a handler called directly) enters a
//! scope of its own where it needs one.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::task::futures::TaskLocalFuture;

use super::HttpContext;
#[cfg(feature = "wsse-signature")]
use crate::wsse::VerifiedSignature;
use crate::xml::XmlElement;

tokio::task_local! {
    /// The scope of the request whose handler the task runs.
    static REQUEST: RequestScope;
}

/// What the handler of one request can ask about it beside its message.
#[derive(Default)]
pub(crate) struct RequestScope {
    /// The HTTP request, when the request came over HTTP.
    http: Option<HttpContext>,
    /// What serving the request learned, boxed when there is any: a cell, so that it is lent
    /// through the scope the request entered rather than by a scope of its own.
    learned: Cell<Option<Box<Learned>>>,
}

/// What serving a request learns about it after its scope is entered.
#[derive(Default)]
struct Learned {
    /// The header blocks its contract does not declare, once its envelope is read.
    undeclared: Option<Arc<[XmlElement]>>,
    /// The signature a `RequireSignature` verified.
    #[cfg(feature = "wsse-signature")]
    signer: Option<Arc<VerifiedSignature>>,
}

impl RequestScope {
    /// A scope without HTTP, having learned `learned`.
    fn learned(learned: Learned) -> Self {
        RequestScope {
            http: None,
            learned: Cell::new(Some(Box::new(learned))),
        }
    }

    /// What `read` finds in what the request learned (`None` before it learned anything).
    fn read<R>(&self, read: impl FnOnce(&Learned) -> Option<R>) -> Option<R> {
        let learned = self.learned.take();
        let found = learned.as_deref().and_then(read);
        self.learned.set(learned);
        found
    }

    /// Changes what the request learned with `change`, and returns what it returns.
    fn learn<R>(&self, change: impl FnOnce(&mut Learned) -> R) -> R {
        let mut learned = self.learned.take().unwrap_or_default();
        let result = change(&mut learned);
        self.learned.set(Some(learned));
        result
    }
}

/// `work`, run with `http` as what [`with_http_context`](super::with_http_context) lends and
/// room for what the request's serving learns later. Not boxed: the caller boxes the handler's
/// work once, with its scope inside.
pub(crate) fn in_request_scope<F: Future>(
    http: HttpContext,
    work: F,
) -> TaskLocalFuture<RequestScope, F> {
    let scope = RequestScope {
        http: Some(http),
        learned: Cell::new(None),
    };
    REQUEST.scope(scope, work)
}

/// Calls `f` with the HTTP context of the request being served; `None` outside a request's
/// scope, or for a request that did not come over HTTP.
pub(crate) fn with_http<R>(f: impl FnOnce(&HttpContext) -> R) -> Option<R> {
    REQUEST
        .try_with(|scope| scope.http.as_ref().map(f))
        .ok()
        .flatten()
}

/// The undeclared header blocks of the request being served, if it carries any.
pub(crate) fn undeclared() -> Option<Arc<[XmlElement]>> {
    REQUEST
        .try_with(|scope| scope.read(|learned| learned.undeclared.clone()))
        .ok()
        .flatten()
}

/// Lends the blocks in `undeclared` through the current request's scope as what
/// [`undeclared_headers`](super::undeclared_headers) returns, when that scope lends none yet (a
/// request served over HTTP), and tells whether it did: the caller then awaits its handler in
/// place, nothing but the handler's future living across the await, and calls
/// [`take_back_undeclared`] after. Otherwise (a request served without HTTP, or inside another
/// request's handler) `undeclared` is left as it was, for [`with_undeclared`].
pub(crate) fn lend_undeclared(undeclared: &mut Vec<XmlElement>) -> bool {
    REQUEST
        .try_with(|scope| {
            scope.learn(|learned| {
                let vacant = learned.undeclared.is_none();
                if vacant {
                    learned.undeclared = Some(std::mem::take(undeclared).into());
                }
                vacant
            })
        })
        .unwrap_or(false)
}

/// Ends what [`lend_undeclared`] lent: a request served later by the same handler's work (one it
/// dispatches itself) sees none.
pub(crate) fn take_back_undeclared() {
    let _ = REQUEST.try_with(|scope| scope.learn(|learned| learned.undeclared = None));
}

/// `handler`, run with `undeclared` as what [`undeclared_headers`](super::undeclared_headers)
/// returns where [`lend_undeclared`] could not lend them: in the current request's scope,
/// putting back what it lent before once the handler is done, or in a scope of its own. Boxed,
/// so that the future that awaits it does not grow by it.
pub(crate) fn with_undeclared<F: Future>(
    undeclared: Vec<XmlElement>,
    handler: F,
) -> Pin<Box<impl Future<Output = F::Output>>> {
    let undeclared: Arc<[XmlElement]> = undeclared.into();
    let replace = |value: Option<Arc<[XmlElement]>>| {
        REQUEST.try_with(move |scope| {
            scope.learn(|learned| std::mem::replace(&mut learned.undeclared, value))
        })
    };
    Box::pin(async move {
        match replace(Some(Arc::clone(&undeclared))) {
            Ok(previous) => {
                let output = handler.await;
                let _ = replace(previous);
                output
            }
            Err(_) => {
                let learned = Learned {
                    undeclared: Some(undeclared),
                    #[cfg(feature = "wsse-signature")]
                    signer: None,
                };
                REQUEST.scope(RequestScope::learned(learned), handler).await
            }
        }
    })
}

/// The verified signature of the request being served, if a `RequireSignature` verified one.
#[cfg(feature = "wsse-signature")]
pub(crate) fn signer() -> Option<Arc<VerifiedSignature>> {
    REQUEST
        .try_with(|scope| scope.read(|learned| learned.signer.clone()))
        .ok()
        .flatten()
}

/// What [`lend_signer`] replaced, to put back once the request is answered.
#[cfg(feature = "wsse-signature")]
pub(crate) struct LentSigner {
    previous: Option<Arc<VerifiedSignature>>,
}

#[cfg(feature = "wsse-signature")]
impl Drop for LentSigner {
    fn drop(&mut self) {
        let previous = self.previous.take();
        // Dropped outside the scope (the work abandoned between polls), there is nothing to
        // put back: the scope goes with the work.
        let _ = REQUEST.try_with(|scope| scope.learn(|learned| learned.signer = previous));
    }
}

/// Lends `signer` through the current request's scope as what `wsse::verified_signer` returns,
/// until the returned guard is dropped; `Err` gives it back outside any request's scope (see
/// [`in_signer_scope`]).
#[cfg(feature = "wsse-signature")]
pub(crate) fn lend_signer(
    signer: Arc<VerifiedSignature>,
) -> Result<LentSigner, Arc<VerifiedSignature>> {
    let mut signer = Some(signer);
    let previous = REQUEST.try_with(|scope| {
        scope.learn(|learned| std::mem::replace(&mut learned.signer, signer.take()))
    });
    match (previous, signer) {
        (Ok(previous), _) => Ok(LentSigner { previous }),
        (Err(_), Some(signer)) => Err(signer),
        // Not taken: `try_with` fails only without running its closure, which is what takes
        // the signer. Were it taken, the guard would have nothing to put back.
        (Err(_), None) => Ok(LentSigner { previous: None }),
    }
}

/// The future `handle` makes, made and run in a scope of its own with `signer` as what
/// `wsse::verified_signer` returns: for a request served outside any request's scope.
#[cfg(feature = "wsse-signature")]
pub(crate) fn in_signer_scope<A: Future>(
    signer: Arc<VerifiedSignature>,
    handle: impl FnOnce() -> A,
) -> TaskLocalFuture<RequestScope, A> {
    let scope = || {
        RequestScope::learned(Learned {
            signer: Some(Arc::clone(&signer)),
            ..Learned::default()
        })
    };
    let answer = REQUEST.sync_scope(scope(), handle);
    REQUEST.scope(scope(), answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{undeclared_headers, with_http_context};

    /// An HTTP context for a request whose `x-tenant` header is `tenant`.
    fn http(tenant: &'static str) -> HttpContext {
        let request = hyper::Request::builder()
            .header("x-tenant", tenant)
            .body(())
            .expect("a valid request");
        HttpContext::new(request.into_parts().0, None)
    }

    fn tenant() -> Option<String> {
        with_http_context(|http| http.header("x-tenant").map(|t| t.to_string())).flatten()
    }

    fn block(local: &str) -> XmlElement {
        XmlElement {
            local: local.into(),
            ..XmlElement::default()
        }
    }

    fn locals() -> Vec<String> {
        undeclared_headers()
            .iter()
            .map(|h| h.local.clone())
            .collect()
    }

    #[tokio::test]
    async fn outside_a_request_nothing_is_lent() {
        assert_eq!(tenant(), None);
        assert!(undeclared_headers().is_empty());
        let mut blocks = vec![block("A")];
        assert!(!lend_undeclared(&mut blocks), "no scope to lend through");
        assert_eq!(blocks.len(), 1, "what was not lent is left to the caller");
    }

    #[tokio::test]
    async fn undeclared_blocks_are_lent_through_the_scope_entered_with_the_http_context() {
        in_request_scope(http("t1"), async {
            assert_eq!(tenant().as_deref(), Some("t1"));
            assert!(undeclared_headers().is_empty());
            let mut blocks = vec![block("A")];
            assert!(lend_undeclared(&mut blocks));
            assert!(blocks.is_empty());
            assert_eq!(locals(), ["A"]);
            tokio::task::yield_now().await;
            assert_eq!(
                locals(),
                ["A"],
                "still lent after the task was polled again"
            );
            assert_eq!(tenant().as_deref(), Some("t1"));
            take_back_undeclared();
            assert!(undeclared_headers().is_empty());
        })
        .await;
        assert_eq!(tenant(), None);
        assert!(undeclared_headers().is_empty());
    }

    #[tokio::test]
    async fn a_request_served_inside_a_handler_lends_its_own_blocks_and_puts_back_the_outer_ones() {
        in_request_scope(http("outer"), async {
            let mut outer = vec![block("Outer")];
            assert!(lend_undeclared(&mut outer));
            // A request the handler dispatches itself: the place is taken.
            let mut inner = vec![block("Inner")];
            assert!(!lend_undeclared(&mut inner));
            let seen = with_undeclared(inner, async {
                tokio::task::yield_now().await;
                (locals(), tenant())
            })
            .await;
            assert_eq!(
                seen,
                (vec![String::from("Inner")], Some(String::from("outer")))
            );
            assert_eq!(locals(), ["Outer"]);
        })
        .await;
    }

    #[tokio::test]
    async fn a_task_the_handler_spawns_sees_the_copy_it_is_handed() {
        let spawned = in_request_scope(http("t2"), async {
            let copy = crate::server::http_context();
            tokio::spawn(async move {
                let own = tenant();
                let handed = copy.and_then(|http| http.header("x-tenant").map(|t| t.to_string()));
                (own, handed)
            })
            .await
        })
        .await
        .expect("the spawned task finishes");
        assert_eq!(spawned, (None, Some(String::from("t2"))));
        assert!(crate::server::http_context().is_none());
    }

    #[tokio::test]
    async fn a_request_served_without_http_gets_a_scope_of_its_own() {
        let seen = with_undeclared(vec![block("A"), block("B")], async {
            tokio::task::yield_now().await;
            (locals(), tenant())
        })
        .await;
        assert_eq!(seen, (vec![String::from("A"), String::from("B")], None));
        assert!(undeclared_headers().is_empty());
    }
}
