//! What the load measurements (`load` and `allocs` binaries, `bench/load.sh`, issue 17) share:
//! the RefreshFolder exchange as bytes, the bare hyper server that answers it with fixed bytes
//! (the floor our generated server is compared with), and a minimal HTTP/1.1 reader and writer
//! over blocking sockets that allocates nothing per message (so that counting allocations on
//! one side of an exchange is not muddied by the other side).

use std::convert::Infallible;
use std::io::{self, Read, Write};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use services82_email::{EMailServer, NAMESPACES, REFRESH_FOLDER};
use soap_runtime::server::SoapRequest;
use soap_runtime::SoapVersion;
use tokio::net::TcpListener;

use crate::{refresh_folder_request, FakeEMail};

/// The path our generated server answers at.
pub const EMAIL_PATH: &str = "/Remote/Services82/EMail.svc";

/// The RefreshFolder call as bytes: what the generated client sends and what the generated
/// server (with [`FakeEMail`]) answers.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The request envelope.
    pub request: Bytes,
    /// The `SOAPAction` header of the request, quoted.
    pub soap_action: String,
    /// The `Content-Type` of both messages.
    pub content_type: String,
    /// The response envelope.
    pub response: Bytes,
}

impl Exchange {
    /// Posts the request bytes with bare reqwest (the client floor) and reads the whole answer.
    pub async fn post_bare(&self, client: &reqwest::Client, url: &str) -> Result<(), String> {
        let response = client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, &self.content_type)
            .header("SOAPAction", &self.soap_action)
            .body(self.request.clone())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()));
        }
        response.bytes().await.map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// The RefreshFolder request of [`refresh_folder_request`] and the answer our generated server
/// gives it (encoded and dispatched once, in process).
pub fn refresh_folder_exchange() -> Result<Exchange, String> {
    let (headers, body) = refresh_folder_request();
    let request = soap_runtime::envelope::write_envelope(
        SoapVersion::Soap11,
        NAMESPACES,
        &headers,
        REFRESH_FOLDER.request,
        &body,
    )
    .map_err(|e| e.to_string())?;
    let request = Bytes::from(request);
    let soap_action = format!("\"{}\"", REFRESH_FOLDER.action);
    let content_type = SoapVersion::Soap11.content_type(None);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let answer = runtime.block_on(EMailServer::new(FakeEMail).dispatch(SoapRequest {
        soap_action: Some(soap_action.clone().into()),
        content_type: Some(content_type.into()),
        body: request.clone(),
    }));
    if answer.status != 200 {
        return Err(format!(
            "the generated server answered RefreshFolder with status {}",
            answer.status
        ));
    }
    Ok(Exchange {
        request,
        soap_action,
        content_type: answer.content_type.into_owned(),
        response: answer.body,
    })
}

/// Serves bare hyper (HTTP/1.1, keep-alive) on `listener` until `stop` resolves: every request's
/// body is read whole, and every answer is `body` with `content_type`, whatever was asked.
pub async fn serve_bare(
    listener: TcpListener,
    content_type: &'static str,
    body: Bytes,
    stop: impl std::future::Future<Output = ()>,
) {
    let content_type = HeaderValue::from_static(content_type);
    let mut stop = std::pin::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let (content_type, body) = (content_type.clone(), body.clone());
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
                    let (content_type, body) = (content_type.clone(), body.clone());
                    async move {
                        // Read the request as any server must; its bytes are not looked at.
                        let _ = request.into_body().collect().await;
                        let mut response = Response::new(Full::new(body));
                        response.headers_mut().insert(CONTENT_TYPE, content_type);
                        Ok::<_, Infallible>(response)
                    }
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A complete HTTP/1.1 POST of `exchange`'s request to `path` on `host`.
pub fn raw_request(exchange: &Exchange, host: &str, path: &str) -> Vec<u8> {
    let mut out = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {}\r\nSOAPAction: {}\r\nContent-Length: {}\r\n\r\n",
        exchange.content_type,
        exchange.soap_action,
        exchange.request.len()
    )
    .into_bytes();
    out.extend_from_slice(&exchange.request);
    out
}

/// A complete HTTP/1.1 `200 OK` answer carrying `exchange`'s response.
pub fn raw_response(exchange: &Exchange) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
        exchange.content_type,
        exchange.response.len()
    )
    .into_bytes();
    out.extend_from_slice(&exchange.response);
    out
}

/// Reads one HTTP/1.1 message (head, then a body of its `Content-Length`) from `stream` into
/// `buffer`, without allocating; returns its length, or 0 when the stream ended before it.
/// Messages must fit `buffer` and must not be pipelined.
pub fn read_message(stream: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    let mut total = None;
    loop {
        if let Some(total) = total {
            if filled >= total {
                return Ok(total);
            }
        }
        if filled == buffer.len() {
            return Err(io::Error::other("message larger than the buffer"));
        }
        let n = stream.read(&mut buffer[filled..])?;
        if n == 0 {
            return if filled == 0 {
                Ok(0)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        }
        filled += n;
        if total.is_none() {
            if let Some(head) = find(&buffer[..filled], b"\r\n\r\n") {
                let length = content_length(&buffer[..head])
                    .ok_or_else(|| io::Error::other("a message without Content-Length"))?;
                total = Some(head + 4 + length);
            }
        }
    }
}

/// Answers every request on `stream` with `response` until the peer closes it.
pub fn answer_fixed(mut stream: std::net::TcpStream, response: &[u8]) -> io::Result<()> {
    let _ = stream.set_nodelay(true);
    let mut buffer = vec![0; 64 * 1024];
    while read_message(&mut stream, &mut buffer)? > 0 {
        stream.write_all(response)?;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The `Content-Length` of a message head.
fn content_length(head: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    head.split(|&b| b == b'\n').find_map(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() > NAME.len() && line[..NAME.len()].eq_ignore_ascii_case(NAME) {
            std::str::from_utf8(&line[NAME.len()..])
                .ok()?
                .trim()
                .parse()
                .ok()
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_read_whole_by_their_content_length() {
        let exchange = refresh_folder_exchange().unwrap();
        assert!(std::str::from_utf8(&exchange.response)
            .unwrap()
            .contains(">42<"));
        let response = raw_response(&exchange);
        // A reader that hands out 7 bytes at a time.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(7).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut buffer = vec![0; 64 * 1024];
        let mut stream = Trickle(&response);
        assert_eq!(
            read_message(&mut stream, &mut buffer).unwrap(),
            response.len()
        );
        assert_eq!(&buffer[..response.len()], &response[..]);
        assert_eq!(read_message(&mut stream, &mut buffer).unwrap(), 0);
        let request = raw_request(&exchange, "127.0.0.1:1", EMAIL_PATH);
        let mut stream = Trickle(&request);
        assert_eq!(
            read_message(&mut stream, &mut buffer).unwrap(),
            request.len()
        );
        let mut cut = Trickle(&request[..request.len() - 1]);
        assert!(read_message(&mut cut, &mut buffer).is_err());
    }
}
