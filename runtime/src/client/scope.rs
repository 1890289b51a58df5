//! SOAP headers the contract does not declare, for the calls made inside one future: sent with
//! each request, and collected from each answer.
//!
//! Generated clients keep their API (their methods return the declared headers and the body);
//! [`with_call_headers`] wraps any of their calls:
//!
//! ```no_run
//! # async fn demo(client: soap_runtime::Client) {
//! use soap_runtime::client::with_call_headers;
//! use soap_runtime::XmlElement;
//!
//! let trace = XmlElement::new("urn:example:trace", "TraceId")
//!     .with_prefix("t")
//!     .with_text("4bf92f35");
//! let (result, received) = with_call_headers(vec![trace], async {
//!     // agent.get_folder_list(..).await, or any other call through `client`
//! #   let _ = &client;
//! })
//! .await;
//! for header in &received.headers {
//!     println!("the answer carried {{{}}}{}", header.namespace, header.local);
//! }
//! # let _ = result;
//! # }
//! ```

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use crate::addressing::AddressingHeaders;
use crate::envelope::HeaderReader;
use crate::error::DecodeError;
use crate::xml::{Element, XmlElement, XmlReader};

tokio::task_local! {
    /// The headers of the innermost [`with_call_headers`] the current task runs in.
    static CALL_HEADERS: Arc<Mutex<CallHeaders>>;
}

/// What a [`with_call_headers`] scope sends and has received.
#[derive(Default)]
struct CallHeaders {
    send: Arc<[XmlElement]>,
    received: Vec<XmlElement>,
}

/// The header elements the answers of the calls inside [`with_call_headers`] carried that
/// neither the contract nor a protocol layer (WS-Addressing) knows, in the order received.
///
/// Their `Debug` output shows their names only: headers often hold tokens.
#[derive(Clone, Default, PartialEq)]
pub struct ReceivedHeaders {
    /// The elements, whole (attributes, children, namespace bindings).
    pub headers: Vec<XmlElement>,
}

impl std::fmt::Debug for ReceivedHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.headers
                    .iter()
                    .map(|h| format!("{{{}}}{}", h.namespace, h.local)),
            )
            .finish()
    }
}

impl ReceivedHeaders {
    /// The first header named `local` in `namespace`.
    pub fn get(&self, namespace: &str, local: &str) -> Option<&XmlElement> {
        self.headers
            .iter()
            .find(|h| h.local == local && h.namespace == namespace)
    }
}

/// Runs `calls` (any future making SOAP calls through a [`Client`](super::Client), such as a
/// generated client's method), adding the `send` elements to the `Header` of every request it
/// makes, and returns its output with the headers the answers carried that the contract does
/// not declare (see [`ReceivedHeaders`]).
///
/// The scope covers the task running `calls`: a call spawned onto another task inside it is
/// not covered. Scopes nest; the innermost applies. Headers for every call of a client are set
/// once with [`Client::with_soap_header`](super::Client::with_soap_header).
pub async fn with_call_headers<F: Future>(
    send: Vec<XmlElement>,
    calls: F,
) -> (F::Output, ReceivedHeaders) {
    let state = Arc::new(Mutex::new(CallHeaders {
        send: send.into(),
        received: Vec::new(),
    }));
    let output = CALL_HEADERS.scope(Arc::clone(&state), calls).await;
    let received = std::mem::take(
        &mut state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .received,
    );
    (output, ReceivedHeaders { headers: received })
}

/// The elements the current scope sends, if the current task runs inside one.
pub(super) fn scope_headers() -> Option<Arc<[XmlElement]>> {
    CALL_HEADERS
        .try_with(|state| Arc::clone(&state.lock().unwrap_or_else(PoisonError::into_inner).send))
        .ok()
}

/// Reads the response headers protocol layers know (WS-Addressing), and, inside a
/// [`with_call_headers`] scope, keeps the others whole for [`ReceivedHeaders`].
pub(super) struct ResponseHeaders {
    /// The WS-Addressing headers of the answer.
    pub(super) addressing: AddressingHeaders,
    /// The unknown headers, when a scope collects them.
    unknown: Option<Vec<XmlElement>>,
}

impl ResponseHeaders {
    /// A reader that keeps unknown headers when the current task runs inside a scope.
    pub(super) fn new() -> Self {
        let in_scope = CALL_HEADERS.try_with(|_| ()).is_ok();
        ResponseHeaders {
            addressing: AddressingHeaders::default(),
            unknown: in_scope.then(Vec::new),
        }
    }

    /// Hands the unknown headers kept to the current scope.
    pub(super) fn deliver(&mut self) {
        let Some(unknown) = self.unknown.take().filter(|u| !u.is_empty()) else {
            return;
        };
        let _ = CALL_HEADERS.try_with(|state| {
            state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .received
                .extend(unknown)
        });
    }
}

impl HeaderReader for ResponseHeaders {
    fn read_header(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        self.addressing.read_header(r, header)
    }

    fn read_unknown(
        &mut self,
        r: &mut XmlReader<'_>,
        header: &Element<'_>,
    ) -> Result<bool, DecodeError> {
        match &mut self.unknown {
            Some(kept) => {
                kept.push(XmlElement::read(r, header)?);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}
