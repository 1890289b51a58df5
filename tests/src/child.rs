//! The interop peers' processes (node-soap's scripts, JAX-WS's Java programs), shared by their
//! harnesses: each child killed and reaped when its guard is dropped, on every path out of a
//! test, and every wait bounded by a timeout.
//!
//! [`run`] runs a program to its end and returns what it printed; [`PeerServer::start`] starts a
//! server that prints `{"port": N}` as its first line, listens on 127.0.0.1:N, reports each
//! request it decoded as a JSON line (`{"op": ..., ...}`), and ends when its standard input
//! closes.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Runs `command` (called `name` in messages) to its end, `input` on its standard input, and
/// returns what it printed; its standard error is passed through (the peer's complaints show
/// in the test's output).
///
/// # Panics
///
/// When the program cannot start, fails, or runs longer than `timeout` (it is killed then).
pub fn run(command: Command, name: &str, input: &str, timeout: Duration) -> String {
    let mut process = Process::spawn(command, name);
    let mut stdin = process.child.stdin.take().expect("piped stdin");
    let mut stdout = process.child.stdout.take().expect("piped stdout");
    // Written and read on threads of their own, so that neither pipe can fill and block.
    let input = input.to_owned();
    let writer = thread::spawn(move || {
        let written = stdin.write_all(input.as_bytes());
        drop(stdin);
        written
    });
    let reader = thread::spawn(move || {
        let mut output = String::new();
        stdout.read_to_string(&mut output).map(|_| output)
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match process.child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            Ok(None) => panic!("{name} ran longer than {timeout:?}: killed"),
            Err(e) => panic!("cannot wait for {name}: {e}"),
        }
    };
    // A write to a program that ended without reading its input fails: only its status counts.
    let written = writer.join().expect("the writing thread");
    let output = reader
        .join()
        .expect("the reading thread")
        .unwrap_or_else(|e| panic!("cannot read from {name}: {e}"));
    assert!(
        status.success(),
        "{name} failed ({status}; its error is above), after printing:\n{output}"
    );
    written.unwrap_or_else(|e| panic!("cannot write to {name}: {e}"));
    output
}

/// How long an oracle's Python script may run ([`python_script`]).
const PYTHON_TIMEOUT: Duration = Duration::from_secs(180);

/// Runs the Python `script` (`python -c script args…`, zeep's or xmlsec's side of a test) to its
/// end and returns what it printed, trimmed; panics as [`run`] does.
pub fn python_script(python: &std::ffi::OsStr, script: &str, args: &[String]) -> String {
    let mut command = Command::new(python);
    command
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    run(command, "the oracle's Python script", "", PYTHON_TIMEOUT)
        .trim()
        .to_owned()
}

/// A peer's server started by [`PeerServer::start`], listening on 127.0.0.1; killed when
/// dropped.
pub struct PeerServer {
    process: Process,
    /// The server's standard input, held open while it runs.
    _stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    port: u16,
    /// How long [`PeerServer::next_request`] waits.
    timeout: Duration,
}

impl PeerServer {
    /// Starts the server `command` (called `name` in messages; standard input and output are
    /// piped here), and waits (at most `timeout`) for the first line it prints, `{"port": N}`.
    ///
    /// # Panics
    ///
    /// When the server cannot start, ends, or prints no port within `timeout`.
    pub fn start(mut command: Command, name: &str, timeout: Duration) -> PeerServer {
        command.stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut process = Process::spawn(command, name);
        let stdout = process.child.stdout.take().expect("piped stdout");
        // Kept open: the server ends when its standard input closes, that is with the test.
        let stdin = process.child.stdin.take();
        let (sender, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = PeerServer {
            process,
            _stdin: stdin,
            lines,
            port: 0,
            timeout,
        };
        let first = server.next_line(timeout);
        server.port = first
            .trim()
            .strip_prefix("{\"port\":")
            .and_then(|rest| rest.strip_suffix('}'))
            .and_then(|port| port.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} printed {first:?} instead of {{\"port\": N}}"));
        server
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The next request the server reported, `{"op": ..., ...}` as the peer decoded it, waiting
    /// at most the server's timeout for it.
    ///
    /// # Panics
    ///
    /// When none comes in time, the server ended, or the request is not one of `op`.
    pub fn next_request(&mut self, op: &str) -> Value {
        let line = self.next_line(self.timeout);
        let request: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("{} printed {line:?}, not JSON: {e}", self.process.name));
        assert_eq!(
            request["op"], op,
            "{}'s server received {request}",
            self.process.name
        );
        request
    }

    /// The next line the server printed, waiting at most `timeout` for it.
    ///
    /// # Panics
    ///
    /// When none comes within `timeout`, or the server ended.
    fn next_line(&mut self, timeout: Duration) -> String {
        match self.lines.recv_timeout(timeout) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => {
                panic!("{} printed nothing for {timeout:?}", self.process.name)
            }
            Err(RecvTimeoutError::Disconnected) => {
                let status = self.process.child.wait();
                panic!(
                    "{} ended ({status:?}; its error is above)",
                    self.process.name
                )
            }
        }
    }
}

/// A child process, killed and reaped when dropped, on every path out of a test (a peer's
/// server that reports no port, PHP's built-in web server, is kept by one of these).
pub(crate) struct Process {
    pub(crate) child: Child,
    name: String,
}

impl Process {
    /// Starts `command`, called `name` in messages.
    pub(crate) fn spawn(mut command: Command, name: &str) -> Process {
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        Process {
            child,
            name: name.to_owned(),
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// A peer's program built from C++ (gSOAP's, KDSoap's), run as `PROGRAM client ARGS...` (to
/// its end, printing one JSON value) or as `PROGRAM server` (a [`PeerServer`]).
#[derive(Debug, Clone)]
pub struct NativeProgram {
    executable: std::path::PathBuf,
    name: &'static str,
    timeout: Duration,
}

impl NativeProgram {
    /// The program at `executable`, called `name` in messages, each run bounded by `timeout`.
    pub fn new(executable: std::path::PathBuf, name: &'static str, timeout: Duration) -> Self {
        NativeProgram {
            executable,
            name,
            timeout,
        }
    }

    /// Runs the program as a client with `args` (the endpoint's URL first) to its end: the
    /// JSON it printed, an item per call.
    ///
    /// # Panics
    ///
    /// When the program fails, prints no JSON, or runs longer than its timeout.
    pub fn client(&self, args: &[&str]) -> Value {
        let mut command = Command::new(&self.executable);
        command
            .arg("client")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let output = run(command, self.name, "", self.timeout);
        serde_json::from_str(&output)
            .unwrap_or_else(|e| panic!("{} printed {output:?}, not JSON: {e}", self.name))
    }

    /// Starts the program as a service listening on 127.0.0.1.
    ///
    /// # Panics
    ///
    /// When the program fails or does not listen within its timeout.
    pub fn server(&self) -> PeerServer {
        let mut command = Command::new(&self.executable);
        command.arg("server").stderr(Stdio::inherit());
        PeerServer::start(command, self.name, self.timeout)
    }
}

/// A code generator's or compiler's `program` run in `dir` through `sh`, its standard error
/// joined to its output: such tools print banners and progress there on success, which [`run`]
/// shows only when they fail.
pub fn tool(program: &str, dir: &std::path::Path) -> Command {
    let mut command = Command::new("sh");
    command
        .current_dir(dir)
        .args(["-c", "exec \"$@\" 2>&1", "sh", program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    command
}
