//! Operations by name with JSON values: what a command-line client or a configurable fake
//! server needs. Generated `call_json` and `JsonService` items delegate here.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::envelope::{Message, SoapVersion};
use crate::error::{Error, FaultDetail, NoFaultDetail, ServiceFailure};
use crate::fault::Fault;

/// Why a call by name with JSON failed.
#[derive(Debug, thiserror::Error)]
pub enum JsonCallError<S: ServiceFailure, D: FaultDetail = NoFaultDetail> {
    /// The service has no operation of that name.
    #[error("unknown operation `{0}`")]
    UnknownOperation(String),
    /// The JSON does not fit the operation's request element.
    #[error("the JSON is not a valid `{operation}` request: {source}")]
    Request {
        /// The operation.
        operation: String,
        /// Why.
        source: serde_json::Error,
    },
    /// The call itself failed (fault, HTTP status, transport, decoding).
    #[error(transparent)]
    Call(#[from] Error<S, D>),
    /// The response could not be turned into JSON.
    #[error("cannot express the response as JSON: {0}")]
    Response(serde_json::Error),
}

/// Reads the request element of `operation` from JSON.
pub fn request<T: DeserializeOwned, S: ServiceFailure, D: FaultDetail>(
    operation: &str,
    value: Value,
) -> Result<T, JsonCallError<S, D>> {
    serde_json::from_value(value).map_err(|source| JsonCallError::Request {
        operation: operation.to_string(),
        source,
    })
}

/// Writes a response (headers and body) as JSON.
pub fn reply<H: Serialize, B: Serialize, S: ServiceFailure, D: FaultDetail>(
    message: &Message<H, B>,
) -> Result<Value, JsonCallError<S, D>> {
    serde_json::to_value(message).map_err(JsonCallError::Response)
}

/// An answer from JSON: the response message, or a fault.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonFault {
    /// The fault code's local name (default `Server`).
    #[serde(default)]
    pub code: Option<String>,
    /// The reason.
    pub reason: String,
}

/// Answers an operation through `answer`, which gets the operation's name and the request
/// message as JSON and returns the response message as JSON (`{"Headers":..,"Body":..}`,
/// missing parts default) or a [`Fault`].
pub fn answer<F, H, B, RH, R>(
    answer: &F,
    operation: &str,
    request: &Message<H, B>,
) -> Result<Message<RH, R>, Fault>
where
    F: Fn(&str, Value) -> Result<Value, Fault>,
    H: Serialize,
    B: Serialize,
    RH: DeserializeOwned + Default,
    R: DeserializeOwned + Default,
{
    let request = serde_json::to_value(request).map_err(|e| {
        Fault::receiver(
            SoapVersion::Soap11,
            format!("cannot express the {operation} request as JSON: {e}"),
        )
    })?;
    let response = answer(operation, request)?;
    serde_json::from_value(response).map_err(|e| {
        Fault::receiver(
            SoapVersion::Soap11,
            format!("the configured {operation} answer is not a valid response: {e}"),
        )
    })
}
