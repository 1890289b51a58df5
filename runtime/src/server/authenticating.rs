//! Asking a service's authenticator about a request before its body is read, and answering the
//! requests it does not let through: a refusal with `401` (and its challenges) or `403`, a
//! panic with `500`, an asynchronous authenticator that does not decide in time with `503`.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use hyper::header::WWW_AUTHENTICATE;
use hyper::{Response, StatusCode};

use super::http_auth::{Asked, Deciding};
use super::service::{in_time, panic_message, plain};
use super::{HttpAuthentication, HttpContext, Refusal, ResponseBody};

/// Asks `authentication` about the request of `http`: `Ok` with the user to serve it as
/// (`None`: anonymously), or `Err` with the answer it gets instead. An asynchronous
/// authenticator is awaited within its [`HttpAuthentication::time_limit`]; a panic in either
/// kind is caught.
pub(super) async fn authenticate(
    authentication: &HttpAuthentication,
    http: &HttpContext,
) -> Result<Option<Arc<str>>, Response<ResponseBody>> {
    let limit = authentication.limit();
    // A synchronous authenticator decides in `ask`; an asynchronous one may run code of its own
    // there (a closure's, before its future) and the rest when its future is polled.
    let decided = match std::panic::catch_unwind(AssertUnwindSafe(|| authentication.ask(http))) {
        Ok(Asked::Decided(verdict)) => Ok(verdict),
        Ok(Asked::Deciding(deciding)) => match in_time(Caught(Some(deciding)), limit).await {
            Ok(decided) => decided,
            Err(_) => {
                tracing::warn!(
                    peer = ?http.peer_addr(),
                    limit_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX),
                    "the HTTP authenticator did not decide in time"
                );
                return Err(plain(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the service could not authenticate the request in time\n".into(),
                ));
            }
        },
        Err(panic) => Err(panic),
    };
    match decided {
        Ok(Ok(user)) => Ok(user),
        Ok(Err(refusal)) => {
            tracing::debug!(
                peer = ?http.peer_addr(),
                status = refusal.status().as_u16(),
                reason = refusal.reason().unwrap_or(""),
                "HTTP authentication refused the request"
            );
            Err(refused(&refusal))
        }
        Err(panic) => {
            tracing::error!(
                panic = panic_message(panic.as_ref()),
                "the HTTP authenticator panicked"
            );
            Err(plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the service failed while authenticating the request\n".into(),
            ))
        }
    }
}

/// The answer to a request an authenticator refused: `401 Unauthorized` with one
/// `WWW-Authenticate` header per challenge, `403 Forbidden` or `503 Service Unavailable`. Plain text, not a SOAP fault
/// (see [`Refusal`]).
fn refused(refusal: &Refusal) -> Response<ResponseBody> {
    let text = match refusal.status() {
        StatusCode::FORBIDDEN => "this SOAP endpoint does not serve this request\n",
        StatusCode::SERVICE_UNAVAILABLE => {
            "the service could not check the request's credentials; try again later\n"
        }
        _ => "this SOAP endpoint requires HTTP authentication\n",
    };
    let mut response = plain(refusal.status(), text.into());
    for challenge in refusal.challenges() {
        response
            .headers_mut()
            .append(WWW_AUTHENTICATE, challenge.clone());
    }
    response
}

/// An asynchronous authenticator's future, its panics caught: a panic is its output's `Err`,
/// and the future is not polled again (it is dropped then).
struct Caught<'a>(Option<Deciding<'a>>);

impl Future for Caught<'_> {
    type Output = Result<Result<Option<Arc<str>>, Refusal>, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Polled after its output: never ready again.
        let Some(deciding) = self.0.as_mut() else {
            return Poll::Pending;
        };
        match std::panic::catch_unwind(AssertUnwindSafe(|| deciding.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(verdict)) => {
                self.0 = None;
                Poll::Ready(Ok(verdict))
            }
            Err(panic) => {
                self.0 = None;
                Poll::Ready(Err(panic))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use hyper::header::AUTHORIZATION;
    use hyper::Request;

    use std::time::Duration;

    use super::*;
    use crate::server::{AsyncHttpAuthenticator, Unauthorized};

    fn context(authorization: &str) -> HttpContext {
        let request = Request::post("/EMail.svc").header(AUTHORIZATION, authorization);
        let (head, ()) = request.body(()).expect("a request").into_parts();
        HttpContext::new(head, None)
    }

    /// Bearer tokens looked up after a pause, as a database would answer.
    struct Tokens;

    impl AsyncHttpAuthenticator for Tokens {
        async fn authenticate(&self, request: &HttpContext) -> Result<Option<Arc<str>>, Refusal> {
            let authorization = request.header("authorization");
            tokio::time::sleep(Duration::from_millis(5)).await;
            match authorization.as_deref() {
                Some("Bearer agent") => Ok(Some("agent".into())),
                Some("Bearer guest") => Err(Refusal::forbidden().because("a guest")),
                Some("Bearer unchecked") => {
                    Err(Refusal::unavailable().because("the token store is down"))
                }
                Some("Bearer slow") => {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    Ok(None)
                }
                Some("Bearer panic") => panic!("the token store is gone"),
                _ => Err(Unauthorized::new("Negotiate")
                    .and_then(|u| u.with_challenge("Bearer"))
                    .expect("valid challenges")
                    .into()),
            }
        }
    }

    async fn answer(authorization: &str) -> Result<Option<Arc<str>>, Response<ResponseBody>> {
        let authentication =
            HttpAuthentication::asynchronous(Tokens).time_limit(Duration::from_millis(200));
        authenticate(&authentication, &context(authorization)).await
    }

    #[tokio::test]
    async fn an_awaited_decision_lets_through_refuses_or_fails_its_request() {
        let user = answer("Bearer agent").await.expect("let through");
        assert_eq!(user.as_deref(), Some("agent"));

        let forbidden = answer("Bearer guest").await.expect_err("refused");
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
        assert!(forbidden.headers().get(WWW_AUTHENTICATE).is_none());

        let unauthorized = answer("Bearer nobody").await.expect_err("refused");
        assert_eq!(unauthorized.status(), StatusCode::UNAUTHORIZED);
        let challenges: Vec<_> = unauthorized
            .headers()
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .collect();
        assert_eq!(challenges, ["Negotiate", "Bearer"]);

        let panicked = answer("Bearer panic").await.expect_err("failed");
        assert_eq!(panicked.status(), StatusCode::INTERNAL_SERVER_ERROR);

        let unchecked = answer("Bearer unchecked").await.expect_err("not checked");
        assert_eq!(unchecked.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(unchecked.headers().get(WWW_AUTHENTICATE).is_none());

        // Given up at the limit set (200 ms), far before the default 30 s.
        let late = tokio::time::timeout(Duration::from_secs(10), answer("Bearer slow"))
            .await
            .expect("the time limit set applies")
            .expect_err("given up");
        assert_eq!(late.status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[tokio::test]
    async fn a_closure_panicking_before_its_future_fails_its_request_only() {
        let authentication = HttpAuthentication::asynchronous(|request: &HttpContext| {
            assert!(request.header("authorization").is_none(), "as asked");
            std::future::ready(Ok::<_, Refusal>(None))
        });
        let failed = authenticate(&authentication, &context("x"))
            .await
            .expect_err("failed");
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let request = Request::post("/").body(()).expect("a request");
        let anonymous = HttpContext::new(request.into_parts().0, None);
        let user = authenticate(&authentication, &anonymous).await;
        assert_eq!(user.expect("let through"), None);
    }
}
