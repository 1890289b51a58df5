//! NTLM (Windows integrated) authentication: [`NtlmTransport`], a [`Transport`](super::Transport)
//! for services behind IIS with Windows authentication (Exchange EWS, SharePoint, Dynamics,
//! ASMX and WCF services on an intranet).
//!
//! NTLM authenticates a connection, not a request: the transport keeps connections of its own
//! (HTTP/1.1 over hyper, https through rustls), runs the three-message handshake on each new
//! one and sends later calls over the authenticated connections it keeps idle.
//!
//! - `credentials`: the user, domain, workstation and password (kept out of `Debug`).
//! - `messages`: the NTLMv2 NEGOTIATE and AUTHENTICATE tokens (from the `ntlmclient` crate).
//! - `header`: the `WWW-Authenticate` offers and `Authorization` values.
//! - `channel_binding`: the TLS channel binding (Extended Protection) of an https connection.
//! - `connection`: the endpoint URL, TLS, opening a connection and one exchange on it.
//! - `pool`: the authenticated connections kept idle.
//! - `transport`: [`NtlmTransport`], the handshake and its builder.

mod channel_binding;
mod connection;
mod credentials;
mod header;
mod messages;
mod pool;
mod transport;

pub use transport::{NtlmTransport, NtlmTransportBuilder};
