//! `services82-email`: call the SuperOffice Services82 EMail agent from the shell, with JSON in
//! and out, or serve a fake EMail endpoint.
//!
//! Exit codes: 0 success; 1 the call failed (SOAP fault, service failure, HTTP status,
//! transport) or the server could not start; 2 usage error (including invalid JSON).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use services82_email::{EMailAgent, EMailServer, JsonService, SoCredentials, OPERATIONS};
use soap_runtime::json::{JsonCallError, JsonFault};
use soap_runtime::serde_json::{self, Value};
use soap_runtime::{Error, Fault, SoapVersion};

#[derive(Parser)]
#[command(
    name = "services82-email",
    about = "Call the SuperOffice Services82 EMail agent with JSON, or serve a fake EMail endpoint",
    long_about = "Call the SuperOffice Services82 EMail agent with JSON, or serve a fake EMail endpoint.\n\nExit codes: 0 success; 1 the call failed (SOAP fault, service failure, HTTP status, transport) or the server could not start; 2 usage error or invalid JSON."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Call one operation; prints {"Headers": .., "Body": ..} of the response as JSON.
    Call {
        /// The operation, e.g. RefreshFolder (see `services82-email operations`).
        operation: String,
        /// The request element's fields as JSON, with wire names, e.g. '{"Folders": ["INBOX"]}'.
        #[arg(default_value = "{}")]
        request: String,
        /// The EMail agent's address, e.g. https://host/Cust12345/Remote/Services82/EMail.svc.
        #[arg(long)]
        url: String,
        /// The NetServer ticket (sent in the Credentials header).
        #[arg(long, env = "SO_TICKET", hide_env_values = true)]
        ticket: Option<String>,
        /// The application token (sent in the ApplicationToken header).
        #[arg(long = "app-token", env = "SO_APP_TOKEN", hide_env_values = true)]
        app_token: Option<String>,
    },
    /// Serve a fake EMail endpoint; logs each call to standard error.
    Serve {
        /// The address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: String,
        /// A JSON file of canned answers: {"RefreshFolder": {"Body": {"Response": 7}}, "GetFolderList": {"Fault": {"Reason": "locked"}}}.
        /// Operations not in it answer default values.
        #[arg(long)]
        answers: Option<PathBuf>,
    },
    /// List the operations and their SOAP actions.
    Operations,
}

/// A canned answer: a response message, or a fault.
#[derive(soap_runtime::serde::Deserialize)]
#[serde(crate = "soap_runtime::serde", untagged)]
enum Canned {
    Fault {
        #[serde(rename = "Fault")]
        fault: JsonFault,
    },
    Message(Value),
}

fn print_call_error(error: &JsonCallError<services82_email::SoExceptionInfo>) -> ExitCode {
    match error {
        JsonCallError::Call(Error::Fault(fault)) => {
            eprintln!("SOAP fault {}: {}", fault.code, fault.reason);
            if let Some(detail) = &fault.detail {
                eprintln!("detail: {detail}");
            }
        }
        JsonCallError::Call(Error::Http {
            status, snippet, ..
        }) => eprintln!("HTTP status {status}: {snippet}"),
        JsonCallError::Call(Error::Service(info)) => {
            eprintln!(
                "the service reported a failure: {}",
                info.message.as_deref().unwrap_or("(no message)")
            );
            if let Ok(json) = serde_json::to_string_pretty(info) {
                eprintln!("{json}");
            }
        }
        JsonCallError::UnknownOperation(_) | JsonCallError::Request { .. } => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
        other => eprintln!("{other}"),
    }
    ExitCode::FAILURE
}

async fn call(
    operation: String,
    request: String,
    url: String,
    ticket: Option<String>,
    app_token: Option<String>,
) -> ExitCode {
    let request: Value = match serde_json::from_str(&request) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("the request is not valid JSON: {e}");
            return ExitCode::from(2);
        }
    };
    let mut agent = EMailAgent::new(url);
    if let Some(ticket) = ticket {
        agent = agent.with_credentials(SoCredentials {
            ticket: Some(ticket),
        });
    }
    if let Some(token) = app_token {
        agent = agent.with_application_token(token);
    }
    match agent.call_json(&operation, request).await {
        Ok(reply) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&reply).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => print_call_error(&e),
    }
}

async fn serve(addr: String, answers: Option<PathBuf>) -> ExitCode {
    let canned: BTreeMap<String, Canned> = match &answers {
        None => BTreeMap::new(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(map) => map,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    let service = JsonService(move |operation: &str, _request: Value| {
        let answer = match canned.get(operation) {
            Some(Canned::Fault { fault }) => {
                let mut f = Fault::receiver(SoapVersion::Soap11, fault.reason.clone());
                if let Some(code) = &fault.code {
                    f.code = code.clone();
                }
                Err(f)
            }
            Some(Canned::Message(message)) => Ok(message.clone()),
            None => Ok(Value::Object(Default::default())),
        };
        eprintln!(
            "{operation}: {}",
            if answer.is_ok() { "answered" } else { "fault" }
        );
        answer
    });
    let server = match EMailServer::new(service).bind(addr.as_str()).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", server.url());
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}

#[tokio::main]
async fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Call {
            operation,
            request,
            url,
            ticket,
            app_token,
        } => call(operation, request, url, ticket, app_token).await,
        Command::Serve { addr, answers } => serve(addr, answers).await,
        Command::Operations => {
            for op in OPERATIONS {
                println!("{}\t{}", op.name, op.action);
            }
            ExitCode::SUCCESS
        }
    }
}
