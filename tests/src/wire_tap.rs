//! A wire tap: a TCP proxy on 127.0.0.1 that forwards every connection to a server and keeps
//! the bytes each direction carried, so that a test sees what two peers really sent each other
//! (a `Content-Encoding` header, compressed bytes) without either of them telling.
//!
//! Plain threads, one per direction of each connection; the proxy stops accepting when the
//! [`WireTap`] is dropped.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// A proxy forwarding to one server and recording both directions.
pub struct WireTap {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<u8>>>,
    answers: Arc<Mutex<Vec<u8>>>,
    stopped: Arc<AtomicBool>,
}

impl WireTap {
    /// Starts forwarding connections to `upstream`.
    ///
    /// # Panics
    ///
    /// When no port on 127.0.0.1 can be bound.
    pub fn start(upstream: SocketAddr) -> WireTap {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the wire tap");
        let addr = listener.local_addr().expect("the wire tap's address");
        let tap = WireTap {
            addr,
            requests: Arc::default(),
            answers: Arc::default(),
            stopped: Arc::default(),
        };
        let (requests, answers, stopped) = (
            tap.requests.clone(),
            tap.answers.clone(),
            tap.stopped.clone(),
        );
        thread::spawn(move || {
            for client in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let (Ok(client), Ok(server)) = (client, TcpStream::connect(upstream)) else {
                    continue;
                };
                forward(&client, &server, requests.clone());
                forward(&server, &client, answers.clone());
            }
        });
        tap
    }

    /// `http://ADDRESS` of the tap followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Everything clients sent so far, all connections in the order read.
    pub fn requests(&self) -> Vec<u8> {
        self.requests.lock().expect("the tap's record").clone()
    }

    /// Everything the server answered so far.
    pub fn answers(&self) -> Vec<u8> {
        self.answers.lock().expect("the tap's record").clone()
    }
}

impl Drop for WireTap {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wakes the accept loop, which then sees it is stopped.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Copies what `from` sends to `to` on a thread of its own, appending it to `record`; closes
/// `to`'s writing side when `from` closes.
fn forward(from: &TcpStream, to: &TcpStream, record: Arc<Mutex<Vec<u8>>>) {
    let (Ok(mut from), Ok(mut to)) = (from.try_clone(), to.try_clone()) else {
        return;
    };
    thread::spawn(move || {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    record
                        .lock()
                        .expect("the tap's record")
                        .extend_from_slice(&buffer[..n]);
                    if to.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}

/// One HTTP message a wire tap recorded: its head (request or status line and headers,
/// lower-cased) and what followed it up to the next message (its body, with the chunk framing
/// of a chunked one).
#[derive(Debug, Clone)]
pub struct Message {
    /// The request or status line and the headers, lower-cased.
    pub head: String,
    /// The bytes after the blank line, up to the next message.
    pub body: Vec<u8>,
}

impl Message {
    /// True when the head has header `name: value` (both lower case).
    pub fn has_header(&self, name: &str, value: &str) -> bool {
        self.head
            .lines()
            .filter_map(|line| line.split_once(':'))
            .any(|(n, v)| n.trim() == name && v.trim() == value)
    }
}

/// The HTTP messages in `bytes`, as a wire tap recorded them: each starts with `POST ` or
/// `HTTP/1.` and its head ends at a blank line; its body runs to the next such start (which a
/// compressed body or a SOAP envelope does not contain).
pub fn messages(bytes: &[u8]) -> Vec<Message> {
    let starts = [&b"HTTP/1."[..], b"POST "];
    let next_start = |from: usize| {
        starts
            .iter()
            .filter_map(|start| find(&bytes[from..], start).map(|at| from + at))
            .min()
    };
    let mut messages = Vec::new();
    let mut at = next_start(0);
    while let Some(start) = at {
        let Some(head_len) = find(&bytes[start..], b"\r\n\r\n") else {
            break;
        };
        let body_start = start + head_len + 4;
        at = next_start(body_start);
        messages.push(Message {
            head: String::from_utf8_lossy(&bytes[start..start + head_len]).to_ascii_lowercase(),
            body: bytes[body_start..at.unwrap_or(bytes.len())].to_vec(),
        });
    }
    messages
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
