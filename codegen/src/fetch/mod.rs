//! Downloading a service's contract for checking in: a WSDL and everything it imports or
//! includes (`wsdl:import`, `xs:import`, `xs:include`, recursively, each document once), saved
//! under readable names with the imports rewritten to them, and a manifest (`wsdl-codegen fetch
//! URL --out DIR`).
//!
//! The flow is URL → fetch → check in → `build.rs`: generation ([`Builder`](crate::Builder),
//! `wsdl-codegen generate`) only ever reads saved files; nothing here runs at build time.
//!
//! Works with the shapes services publish: WCF (`?wsdl` importing `?xsd=xsd0`, `?xsd=xsd1`, …
//! and `?wsdl=wsdl0` by absolute URL, or everything in one `?singleWsdl`), ASMX (`?WSDL`) and
//! JAX-WS (`?wsdl` importing `?xsd=1`). Documents are told apart by their absolute URL (after
//! resolving relative locations against the importing document's final URL), so a cycle of
//! imports is fetched once per document; an import chain that keeps naming new URLs stops at
//! [`FetchOptions::max_documents`]. Imports the generator knows without a network (the XML
//! Schema namespace, SOAP, WS-Addressing, xmime, xop) are left as written.
//!
//! ```no_run
//! use wsdl_codegen::fetch::{fetch, FetchOptions};
//!
//! let fetched = fetch(
//!     "https://example.com/Service.svc?wsdl",
//!     "wsdl/service".as_ref(),
//!     &FetchOptions::default(),
//! )?;
//! println!("{}", fetched.main.display()); // wsdl/service/Service.wsdl
//! # Ok::<(), wsdl_codegen::fetch::FetchError>(())
//! ```

mod credentials;
mod error;
mod http;
mod manifest;
mod names;
mod rewrite;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;

pub use credentials::{BasicAuth, Header};
pub use error::FetchError;
pub use manifest::{Manifest, ManifestFile, MANIFEST_NAME};

use http::{Budget, Download, Http};
use names::DocKind;
use rewrite::{Reference, WSDL_NS, XSD_NS};

use crate::wsdl::dtd::{self, Refusal};

/// How to fetch: credentials, trust, timeouts and limits.
#[derive(Clone)]
pub struct FetchOptions {
    /// Extra headers, sent with every request to the origin of the URL given to [`fetch`].
    pub headers: Vec<Header>,
    /// HTTP Basic credentials, sent to the same origin only.
    pub basic_auth: Option<BasicAuth>,
    /// PEM files of CA certificates to trust for https, besides the bundled web roots.
    pub ca_certificates: Vec<PathBuf>,
    /// How long establishing a connection (TCP and TLS) may take; 10 s by default.
    pub connect_timeout: Duration,
    /// How long one document's whole exchange may take; 60 s by default.
    pub timeout: Duration,
    /// The largest document accepted, in bytes; 64 MiB by default (the runtime's default
    /// `Limits::max_message_size`).
    pub max_response_size: usize,
    /// The most bytes downloaded in all; 256 MiB by default.
    pub max_total_size: usize,
    /// The most distinct documents; 200 by default. More means imports that cannot end.
    pub max_documents: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            headers: Vec::new(),
            basic_auth: None,
            ca_certificates: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_response_size: 64 * 1024 * 1024,
            max_total_size: 256 * 1024 * 1024,
            max_documents: 200,
        }
    }
}

impl fmt::Debug for FetchOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `Header` and `BasicAuth` redact their secrets.
        f.debug_struct("FetchOptions")
            .field("headers", &self.headers)
            .field("basic_auth", &self.basic_auth)
            .field("ca_certificates", &self.ca_certificates)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("max_total_size", &self.max_total_size)
            .field("max_documents", &self.max_documents)
            .finish()
    }
}

/// What [`fetch`] saved.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The main document's path (`DIR/EMail.wsdl`): the input for generation.
    pub main: PathBuf,
    /// The manifest's path (`DIR/fetch-manifest.json`).
    pub manifest_path: PathBuf,
    /// The manifest written.
    pub manifest: Manifest,
}

/// Downloads the document at `url` and everything it imports or includes into `out` (created
/// if missing), rewrites the imports to the local file names and writes the manifest.
/// Nothing is written unless every document was fetched and is a WSDL or an XML Schema.
///
/// Blocking: it runs its own small tokio runtime on a thread of its own, so it may be called
/// from synchronous code and from within an async runtime alike.
pub fn fetch(url: &str, out: &Path, options: &FetchOptions) -> Result<Fetched, FetchError> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| fetch_here(url, out, options))
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// One downloaded document and its references, as indices into the crawl's URL list.
struct Loaded {
    download: Download,
    kind: DocKind,
    /// The body as UTF-8 when it was downloaded in another encoding (ISO-8859-1, UTF-16): what
    /// is saved, with its declaration's encoding rewritten to `UTF-8`.
    decoded: Option<Vec<u8>>,
    /// Each reference's value range in the saved text and the index of the document it names.
    references: Vec<(Range<usize>, usize)>,
}

/// The documents of one fetch, found breadth first from the main URL.
struct Crawl {
    /// Every distinct URL met, in order; the main URL first.
    urls: Vec<Url>,
    /// The index of each URL (requested or redirected to) in `urls`.
    index: HashMap<String, usize>,
    /// For each URL: the document, once downloaded.
    loaded: Vec<Option<Loaded>>,
    /// For each URL: the index of the document holding the same content (same final URL).
    same_as: Vec<Option<usize>>,
    /// Bytes downloaded so far.
    used: usize,
}

impl Crawl {
    /// The index for `url`, registering it when new.
    fn register(
        &mut self,
        url: Url,
        importer: usize,
        max_documents: usize,
    ) -> Result<usize, FetchError> {
        if let Some(&index) = self.index.get(url.as_str()) {
            return Ok(index);
        }
        if self.urls.len() >= max_documents {
            return Err(FetchError::TooManyDocuments {
                url: shown(&url),
                importer: shown(&self.urls[importer]),
                max: max_documents,
            });
        }
        let index = self.urls.len();
        self.index.insert(url.as_str().to_string(), index);
        self.urls.push(url);
        self.loaded.push(None);
        self.same_as.push(None);
        Ok(index)
    }

    /// The document `index` stands for, following `same_as`.
    fn canonical(&self, mut index: usize) -> usize {
        // Each step goes to a document that has no `same_as` of its own (set once, towards a
        // document that was loaded), so this ends; the bound is a guard.
        for _ in 0..self.urls.len() {
            match self.same_as[index] {
                Some(next) => index = next,
                None => break,
            }
        }
        index
    }
}

fn fetch_here(url: &str, out: &Path, options: &FetchOptions) -> Result<Fetched, FetchError> {
    let start = absolute_url(url, None)?;
    let http = Http::new(options, &start)?;
    let mut crawl = Crawl {
        urls: Vec::new(),
        index: HashMap::new(),
        loaded: Vec::new(),
        same_as: Vec::new(),
        used: 0,
    };
    crawl.register(start.clone(), 0, options.max_documents.max(1))?;
    let mut next = 0;
    while next < crawl.urls.len() {
        let current = next;
        next += 1;
        if crawl.same_as[current].is_some() {
            continue;
        }
        let budget = Budget {
            per_document: options.max_response_size,
            total: options.max_total_size,
            used: crawl.used,
        };
        let requested = crawl.urls[current].clone();
        let download = http.get(&requested, budget)?;
        crawl.used += download.body.len();
        if download.final_url != requested {
            match crawl.index.get(download.final_url.as_str()).copied() {
                Some(other) if other < current => {
                    crawl.same_as[current] = Some(other);
                    continue;
                }
                Some(other) if other > current => crawl.same_as[other] = Some(current),
                _ => {
                    crawl
                        .index
                        .insert(download.final_url.as_str().to_string(), current);
                }
            }
        }
        let Document {
            kind,
            references: found,
            decoded,
        } = read_document(&requested, &download)?;
        let mut references = Vec::with_capacity(found.len());
        for reference in found {
            let target =
                absolute_url(&reference.location, Some((&download.final_url, &requested)))?;
            let index = crawl.register(target, current, options.max_documents)?;
            references.push((reference.value, index));
        }
        crawl.loaded[current] = Some(Loaded {
            download,
            kind,
            decoded,
            references,
        });
    }
    save(&crawl, &start, out)
}

/// Names, rewrites and writes the documents of `crawl`, then the manifest.
fn save(crawl: &Crawl, start: &Url, out: &Path) -> Result<Fetched, FetchError> {
    let documents: Vec<(usize, &Loaded)> = crawl
        .loaded
        .iter()
        .enumerate()
        .filter_map(|(index, loaded)| loaded.as_ref().map(|l| (index, l)))
        .collect();
    let named: Vec<(Url, DocKind)> = documents
        .iter()
        .map(|(index, loaded)| (crawl.urls[*index].clone(), loaded.kind))
        .collect();
    let file_names = names::file_names(&named, &[MANIFEST_NAME]);
    let name_of: HashMap<usize, &str> = documents
        .iter()
        .zip(&file_names)
        .map(|((index, _), name)| (*index, name.as_str()))
        .collect();
    std::fs::create_dir_all(out).map_err(|source| FetchError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let mut files = Vec::with_capacity(documents.len());
    for ((index, loaded), file_name) in documents.iter().zip(&file_names) {
        let edits = loaded
            .references
            .iter()
            .filter_map(|(range, target)| {
                let name = name_of.get(&crawl.canonical(*target))?;
                Some((range.clone(), (*name).to_string()))
            })
            .collect();
        let text = loaded.decoded.as_deref().unwrap_or(&loaded.download.body);
        let saved = rewrite::rewrite(text, edits);
        let path = out.join(file_name);
        std::fs::write(&path, &saved).map_err(|source| FetchError::Io {
            path: path.clone(),
            source,
        })?;
        let url = &crawl.urls[*index];
        files.push(ManifestFile {
            file: file_name.clone(),
            url: shown(url),
            final_url: (loaded.download.final_url != *url)
                .then(|| shown(&loaded.download.final_url)),
            sha256: manifest::sha256_hex(&saved),
            downloaded_sha256: manifest::sha256_hex(&loaded.download.body),
            bytes: saved.len(),
        });
    }
    let main_name = file_names.first().cloned().unwrap_or_default();
    let manifest = Manifest {
        fetched_by: concat!("wsdl-codegen ", env!("CARGO_PKG_VERSION")).to_string(),
        url: shown(start),
        date: manifest::now_rfc3339(),
        main: main_name.clone(),
        files,
    };
    let manifest_path = out.join(MANIFEST_NAME);
    std::fs::write(&manifest_path, manifest.to_json()).map_err(|source| FetchError::Io {
        path: manifest_path.clone(),
        source,
    })?;
    Ok(Fetched {
        main: out.join(main_name),
        manifest_path,
        manifest,
    })
}

/// What a downloaded document is, its references (value ranges in the text to save) and, for
/// a body not in UTF-8, that text: the body decoded by its HTTP charset, byte order mark or
/// XML declaration, as the runtime decodes a message. An error for an HTML page, a document
/// that is not XML, or neither WSDL nor XML Schema.
fn read_document(url: &Url, download: &Download) -> Result<Document, FetchError> {
    let final_url = (download.final_url != *url).then(|| shown(&download.final_url));
    let html = || FetchError::Html {
        url: shown(url),
        final_url: final_url.clone(),
    };
    let is_html_type = download.content_type.as_deref().is_some_and(|value| {
        let mime = value.split(';').next().unwrap_or("").trim();
        mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
    });
    if looks_like_html(&download.body) {
        return Err(html());
    }
    // A page served as HTML that is not XML is HTML; a WSDL served as text/html is still read.
    let not_xml = |reason: String| {
        if is_html_type {
            html()
        } else {
            FetchError::NotXml {
                url: shown(url),
                reason,
            }
        }
    };
    let charset = download
        .content_type
        .as_deref()
        .and_then(soap_runtime::xml::charset_of);
    let decoded = match soap_runtime::xml::decode_document(&download.body, charset) {
        Ok(Cow::Owned(decoded)) => Some(decoded),
        Ok(Cow::Borrowed(_)) => None,
        Err(error) => return Err(not_xml(error.to_string())),
    };
    let whole = decoded.as_deref().unwrap_or(&download.body);
    let bom = if whole.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &whole[bom..];
    let text = std::str::from_utf8(body)
        .map_err(|error| not_xml(format!("not UTF-8 (at byte {})", error.valid_up_to() + bom)))?;
    let doc = dtd::parse(text).map_err(|refusal| match refusal {
        Refusal::Xml(error) => not_xml(error.to_string()),
        Refusal::InstructionRunTogether { target, .. } => {
            not_xml(crate::wsdl::instructions::message(&target))
        }
        Refusal::DeclaredEntity { name, .. } => not_xml(format!(
            "it references the entity `&{name};` that its DOCTYPE declares (not expanded)"
        )),
    })?;
    let root = doc.root_element().tag_name();
    let kind = match (root.namespace(), root.name()) {
        (Some(WSDL_NS), "definitions") => DocKind::Wsdl,
        (Some(XSD_NS), "schema") => DocKind::Schema,
        (_, name) if name.eq_ignore_ascii_case("html") || is_html_type => return Err(html()),
        (namespace, name) => {
            return Err(FetchError::NotWsdlOrSchema {
                url: shown(url),
                found: match namespace {
                    Some(namespace) => format!("{{{namespace}}}{name}"),
                    None => format!("{name} (in no namespace)"),
                },
            })
        }
    };
    let references = rewrite::references(&doc)
        .into_iter()
        .map(|r| Reference {
            value: r.value.start + bom..r.value.end + bom,
            location: r.location,
        })
        .collect();
    drop(doc);
    Ok(Document {
        kind,
        references,
        decoded,
    })
}

/// A downloaded document as [`read_document`] reads it.
struct Document {
    kind: DocKind,
    /// Its references, with their value ranges in the text to save.
    references: Vec<Reference>,
    /// The text to save when the body was not UTF-8 (see [`Loaded::decoded`]).
    decoded: Option<Vec<u8>>,
}

/// Whether `body` starts (after white space) with an HTML doctype or `<html`.
fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

/// `location` as an absolute http(s) URL without fragment, resolved against `base` (the
/// importing document's final URL and the URL it was requested as, for messages).
fn absolute_url(location: &str, base: Option<(&Url, &Url)>) -> Result<Url, FetchError> {
    let parsed = match base {
        Some((base, _)) => base.join(location),
        None => Url::parse(location),
    };
    let in_document = |reason: String| match base {
        Some((_, importer)) => format!("{reason} (imported by {})", shown(importer)),
        None => reason,
    };
    let mut url = parsed.map_err(|error| FetchError::BadUrl {
        url: shown_text(location),
        reason: in_document(format!("not a URL: {error}")),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl {
            url: shown(&url),
            reason: in_document(format!(
                "only http and https are fetched, not {}",
                url.scheme()
            )),
        });
    }
    url.set_fragment(None);
    Ok(url)
}

/// `url` for messages and the manifest: without user name and password.
pub(crate) fn shown(url: &Url) -> String {
    let mut url = url.clone();
    // Only fails for URLs that cannot have credentials, which then have none to remove.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// A location that is not a URL, for messages: without what looks like user information.
fn shown_text(location: &str) -> String {
    match (location.find("://"), location.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://{}", &location[..scheme_end], &location[at + 1..])
        }
        _ => location.to_string(),
    }
}
