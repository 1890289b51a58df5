//! The ledger's rules that the interop tests of `wsdl/ledger.wsdl` (module `ledger`) and of
//! the ledger NuSOAP writes (`wsdl/nusoap/ledger/ledger.wsdl`, module `nusoap_ledger`, the same
//! shapes) share (`oracle_perl_soap_lite.rs`, `oracle_ruby_soap4r.rs`, `oracle_nusoap.rs`): how
//! a peer's service or ours answers a post, the entries the tests send, the generated `ledger`
//! server's handler, and the calls our `ledger` client makes of a peer's service.

// Each test binary uses part of what is here.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use soap_runtime::server::Server;
use soap_runtime::{Error, Fault, Message};
use wsdl_corpus::ledger::{
    Entry, LedgerClient, LedgerFault, LedgerServer, LedgerService, Person, Post, RequestHeaders,
    ResponseHeaders,
};

/// The reason (and detail) of `post`'s refusal of fewer than one copy.
pub const NO_COPIES: &str = "no copies <&>";

/// The rules and entries of one generated module whose `Entry`, `Person` and `PostResponse`
/// have the ledger's shape.
macro_rules! ledger_rules {
    ($module:ident) => {
        /// The ledger's rules and entries in the module of the same name.
        pub mod $module {
            use serde_json::Value;
            use wsdl_corpus::$module::{Entry, Person, PostResponse};

            /// The ledger's rules, on both sides (ours in the tests, the peers' in their
            /// programs): the summary `LABEL x COPIES: N tags, M witnesses`, and the entry
            /// `seen: LABEL`, its amount times `copies`, paid negated, the same dateTime, the
            /// owner a year older, the tags reversed and `ledger <&>` added, the witnesses
            /// reversed, each a year older.
            pub fn posted(entry: &Entry, copies: i32) -> PostResponse {
                let older = |person: &Person| Person {
                    name: person.name.clone(),
                    age: person.age + 1,
                };
                let mut tags: Vec<String> = entry.tags.iter().rev().cloned().collect();
                tags.push("ledger <&>".into());
                PostResponse {
                    summary: format!(
                        "{} x {copies}: {} tags, {} witnesses",
                        entry.label,
                        entry.tags.len(),
                        entry.witnesses.len()
                    ),
                    entry: Entry {
                        label: format!("seen: {}", entry.label),
                        amount: entry.amount * f64::from(copies),
                        paid: !entry.paid,
                        when: entry.when.clone(),
                        owner: older(&entry.owner),
                        tags,
                        witnesses: entry.witnesses.iter().rev().map(older).collect(),
                    },
                }
            }

            /// The entries both sides send: text to escape and beyond ASCII (within
            /// ISO-8859-1), a fraction, a dateTime with an offset and fractional seconds, tags
            /// and witnesses; the second with none of either.
            pub fn entries() -> [Entry; 2] {
                let person = |name: &str, age| Person {
                    name: name.into(),
                    age,
                };
                [
                    Entry {
                        label: "rent <&> für Zoë".into(),
                        amount: 1234.5,
                        paid: true,
                        when: "2026-12-07T19:30:05.25+01:00".parse().expect("a dateTime"),
                        owner: person("Zoë <owner>", 40),
                        tags: vec!["a & b".into(), "ünï".into()],
                        witnesses: vec![person("Ann", 30), person("Bo <&>", 7)],
                    },
                    Entry {
                        label: "nothing".into(),
                        amount: -0.25,
                        paid: false,
                        when: "1999-01-31T00:00:00Z".parse().expect("a dateTime"),
                        owner: person("none", 0),
                        tags: Vec::new(),
                        witnesses: Vec::new(),
                    },
                ]
            }

            /// An entry as the scripted clients' calls give it (JSON), every value typed as
            /// JSON has it.
            pub fn entry_json(entry: &Entry) -> Value {
                let person = |p: &Person| serde_json::json!({"name": p.name, "age": p.age});
                serde_json::json!({
                    "label": entry.label, "amount": entry.amount, "paid": entry.paid,
                    "when": entry.when.as_str(), "owner": person(&entry.owner),
                    "tags": entry.tags,
                    "witnesses": entry.witnesses.iter().map(person).collect::<Vec<_>>(),
                })
            }

            /// The `post`s the scripted clients make of [`entries`], in order: the full entry
            /// 3 times, the empty one once, and refused (0 copies).
            pub fn posts_sent() -> [(Entry, i32); 3] {
                let [full, empty] = entries();
                [(full, 3), (empty.clone(), 1), (empty, 0)]
            }

            /// [`posts_sent`] as the calls' JSON (the parts by name).
            pub fn post_calls_json() -> Value {
                let calls: Vec<Value> = posts_sent()
                    .iter()
                    .map(|(entry, copies)| {
                        serde_json::json!({"op": "post",
                                           "args": {"entry": entry_json(entry), "copies": copies}})
                    })
                    .collect();
                Value::Array(calls)
            }

            /// The answers to the [`posts_sent`] that are not refused, as a client that decodes
            /// every value by its type gives them (JSON's numbers and booleans).
            pub fn answers_json() -> Vec<Value> {
                posts_sent()
                    .iter()
                    .filter(|(_, copies)| *copies > 0)
                    .map(|(entry, copies)| {
                        let answer = posted(entry, *copies);
                        serde_json::json!({"result": {"summary": answer.summary,
                                                      "entry": entry_json(&answer.entry)}})
                    })
                    .collect()
            }
        }
    };
}

ledger_rules!(ledger);
ledger_rules!(nusoap_ledger);

/// The generated `ledger` server's handler: records what it decoded, answers by
/// [`ledger::posted`], and refuses fewer than one copy with the declared fault.
#[derive(Default)]
pub struct Ledger {
    /// The `post` requests decoded.
    pub posts: Mutex<Vec<Post>>,
}

impl Ledger {
    /// The generated `ledger` server of a fresh [`Ledger`], listening on 127.0.0.1, and the
    /// handler, which records what the server decoded.
    pub async fn serve() -> (Arc<Ledger>, Server) {
        let handler = Arc::new(Ledger::default());
        let server = LedgerServer::shared(handler.clone())
            .bind("127.0.0.1:0")
            .await
            .expect("the generated server binds");
        (handler, server)
    }

    /// The entries and copies of the `post` requests decoded, in order.
    pub fn entries_posted(&self) -> Vec<(Entry, i32)> {
        let posts = self.posts.lock().expect("lock");
        posts
            .iter()
            .map(|post| (post.entry.clone(), post.copies))
            .collect()
    }
}

impl LedgerService for Ledger {
    async fn post(
        &self,
        request: Message<RequestHeaders, Post>,
    ) -> Result<Message<ResponseHeaders, wsdl_corpus::ledger::PostResponse>, Fault> {
        let body = request.body;
        self.posts.lock().expect("lock").push(body.clone());
        if body.copies < 1 {
            return Err(LedgerFault::Refused(NO_COPIES.into()).to_fault(NO_COPIES));
        }
        Ok(Message {
            headers: Default::default(),
            body: ledger::posted(&body.entry, body.copies),
        })
    }
}

/// An entry of ASCII text only, which SOAP::Lite can send typed its own way (it sends text
/// beyond ASCII as base64Binary).
pub fn ascii_entry() -> Entry {
    Entry {
        label: "plain <&>".into(),
        // Not a whole number times 2 either: our `5.0` and Rust's `5` would differ in the text.
        amount: 2.25,
        paid: true,
        when: "2026-12-07T19:30:05Z".parse().expect("a dateTime"),
        owner: Person {
            name: "Ann".into(),
            age: 30,
        },
        tags: vec!["a".into(), "b & c".into()],
        witnesses: vec![Person {
            name: "Bo".into(),
            age: 7,
        }],
    }
}

/// [`ascii_entry`] with text that is not ASCII, which SOAP::Lite sends typed
/// `xsd:base64Binary`, as its UTF-8 bytes in base64, when it types values itself.
pub fn unicode_entry() -> Entry {
    let mut entry = ascii_entry();
    entry.label = "Ünïcode ✓ <&>".into();
    entry.owner.name = "Zoë".into();
    entry.tags = vec!["ä".into(), "b & c".into()];
    entry
}

/// Has `client` post [`ledger::entries`] (the full one thrice, the empty one once) and checks
/// the peer service's answers, which it computes from what it decoded by [`ledger::posted`];
/// then posts no copy, which the peer refuses with the declared fault, checked as its typed
/// detail (a Server fault).
pub async fn post_entries_then_refused(client: &LedgerClient) {
    let [full, empty] = ledger::entries();
    let answer = client.post(full.clone(), 3).await.expect("post");
    assert_eq!(answer, ledger::posted(&full, 3));
    let answer = client
        .post(empty.clone(), 1)
        .await
        .expect("post of nothing");
    assert_eq!(answer, ledger::posted(&empty, 1));
    match client.post(empty, 0).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(*detail, LedgerFault::Refused(NO_COPIES.into()));
            assert_eq!(fault.reason, NO_COPIES);
            assert_eq!(fault.code, "Server");
        }
        other => panic!("expected the peer's declared fault, got {other:?}"),
    }
}
