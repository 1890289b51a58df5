//! The generated `Ledger` server's handler (`wsdl/ledger.wsdl`, module `ledger`, rpc/encoded)
//! that the interop tests with other SOAP stacks share (`oracle_perl_soap_lite.rs`,
//! `oracle_ruby_soap4r.rs`): it records the `post` requests it decodes and answers them by the
//! ledger's rules ([`posted`]), which the peers' services follow too; and the entries both
//! sides send.

// Each test binary uses part of what is here.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use soap_runtime::server::Server;
use soap_runtime::{Error, Fault, Message};
use wsdl_corpus::ledger;

/// The reason (and detail) of `post`'s refusal of fewer than one copy.
pub const NO_COPIES: &str = "no copies <&>";

/// The ledger's rules, on both sides (ours here, the peers' in their programs): the summary
/// `LABEL x COPIES: N tags, M witnesses`, and the entry `seen: LABEL`, its amount times
/// `copies`, paid negated, the same dateTime, the owner a year older, the tags reversed and
/// `ledger <&>` added, the witnesses reversed, each a year older.
pub fn posted(entry: &ledger::Entry, copies: i32) -> ledger::PostResponse {
    let older = |person: &ledger::Person| ledger::Person {
        name: person.name.clone(),
        age: person.age + 1,
    };
    let mut tags: Vec<String> = entry.tags.iter().rev().cloned().collect();
    tags.push("ledger <&>".into());
    ledger::PostResponse {
        summary: format!(
            "{} x {copies}: {} tags, {} witnesses",
            entry.label,
            entry.tags.len(),
            entry.witnesses.len()
        ),
        entry: ledger::Entry {
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

/// The generated ledger server's handler: records what it decoded, answers by [`posted`].
#[derive(Default)]
pub struct Ledger {
    /// The `post` requests decoded.
    pub posts: Mutex<Vec<ledger::Post>>,
}

impl ledger::LedgerService for Ledger {
    async fn post(
        &self,
        request: Message<ledger::RequestHeaders, ledger::Post>,
    ) -> Result<Message<ledger::ResponseHeaders, ledger::PostResponse>, Fault> {
        let body = request.body;
        self.posts.lock().expect("lock").push(body.clone());
        if body.copies < 1 {
            return Err(ledger::LedgerFault::Refused(NO_COPIES.into()).to_fault(NO_COPIES));
        }
        Ok(Message {
            headers: Default::default(),
            body: posted(&body.entry, body.copies),
        })
    }
}

/// The generated ledger server of a fresh [`Ledger`], listening on 127.0.0.1, and the handler,
/// which records what the server decoded.
pub async fn serve() -> (Arc<Ledger>, Server) {
    let handler = Arc::new(Ledger::default());
    let server = ledger::LedgerServer::shared(handler.clone())
        .bind("127.0.0.1:0")
        .await
        .expect("the generated server binds");
    (handler, server)
}

impl Ledger {
    /// The entries and copies of the `post` requests decoded so far, in order.
    pub fn posted_entries(&self) -> Vec<(ledger::Entry, i32)> {
        self.posts
            .lock()
            .expect("lock")
            .iter()
            .map(|post| (post.entry.clone(), post.copies))
            .collect()
    }
}

/// The entries both sides send: text to escape and beyond ASCII, a fraction, a dateTime with
/// an offset, tags and witnesses; the second with none of either.
pub fn entries() -> [ledger::Entry; 2] {
    let person = |name: &str, age| ledger::Person {
        name: name.into(),
        age,
    };
    [
        ledger::Entry {
            label: "rent <&> für Zoë".into(),
            amount: 1234.5,
            paid: true,
            when: "2026-12-07T19:30:05.25+01:00".parse().expect("a dateTime"),
            owner: person("Zoë <owner>", 40),
            tags: vec!["a & b".into(), "ünï".into()],
            witnesses: vec![person("Ann", 30), person("Bo <&>", 7)],
        },
        ledger::Entry {
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

/// An entry of ASCII text only, which SOAP::Lite can send typed its own way (it sends text
/// beyond ASCII as base64Binary).
pub fn ascii_entry() -> ledger::Entry {
    ledger::Entry {
        label: "plain <&>".into(),
        // Not a whole number times 2 either: our `5.0` and Rust's `5` would differ in the text.
        amount: 2.25,
        paid: true,
        when: "2026-12-07T19:30:05Z".parse().expect("a dateTime"),
        owner: ledger::Person {
            name: "Ann".into(),
            age: 30,
        },
        tags: vec!["a".into(), "b & c".into()],
        witnesses: vec![ledger::Person {
            name: "Bo".into(),
            age: 7,
        }],
    }
}

/// [`ascii_entry`] with text that is not ASCII, which SOAP::Lite sends typed
/// `xsd:base64Binary`, as its UTF-8 bytes in base64, when it types values itself.
pub fn unicode_entry() -> ledger::Entry {
    let mut entry = ascii_entry();
    entry.label = "Ünïcode ✓ <&>".into();
    entry.owner.name = "Zoë".into();
    entry.tags = vec!["ä".into(), "b & c".into()];
    entry
}

/// An entry as the scripted clients' calls give it, as JSON.
pub fn entry_json(entry: &ledger::Entry) -> Value {
    let person = |p: &ledger::Person| json!({"name": p.name, "age": p.age});
    json!({
        "label": entry.label, "amount": entry.amount, "paid": entry.paid,
        "when": entry.when.as_str(), "owner": person(&entry.owner), "tags": entry.tags,
        "witnesses": entry.witnesses.iter().map(person).collect::<Vec<_>>(),
    })
}

/// Has `client` post [`entries`] (the full one thrice, the empty one once) and checks the peer
/// service's answers, which it computes from what it decoded by [`posted`]; then posts no copy,
/// which the peer refuses with the declared fault, checked as its typed detail (a Server
/// fault).
pub async fn post_entries_then_refused(client: &ledger::LedgerClient) {
    let [full, empty] = entries();
    let answer = client.post(full.clone(), 3).await.expect("post");
    assert_eq!(answer, posted(&full, 3));
    let answer = client
        .post(empty.clone(), 1)
        .await
        .expect("post of nothing");
    assert_eq!(answer, posted(&empty, 1));
    match client.post(empty, 0).await {
        Err(Error::DeclaredFault { fault, detail }) => {
            assert_eq!(*detail, ledger::LedgerFault::Refused(NO_COPIES.into()));
            assert_eq!(fault.reason, NO_COPIES);
            assert_eq!(fault.code, "Server");
        }
        other => panic!("expected the peer's declared fault, got {other:?}"),
    }
}
