//! Child processes of the interop peers (`node_soap`, `php_soap`): killed and reaped when their
//! guard is dropped, on every path out of a test, and run to their end within a timeout.

use std::io::{Read, Write};
use std::process::{Child, Command};
use std::thread;
use std::time::{Duration, Instant};

/// A child process, killed and reaped when dropped.
pub(crate) struct Process {
    pub(crate) child: Child,
    /// What messages call it.
    pub(crate) name: String,
}

impl Process {
    /// Starts `command`, called `name` in messages.
    ///
    /// # Panics
    ///
    /// When it cannot start.
    pub(crate) fn spawn(mut command: Command, name: &str) -> Process {
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        Process {
            child,
            name: name.to_owned(),
        }
    }

    /// Writes `input` to the process's piped standard input and closes it, reads its piped
    /// standard output to the end, and returns that once the process ended successfully.
    ///
    /// # Panics
    ///
    /// When it fails, or runs longer than `timeout` (it is killed then).
    pub(crate) fn run_to_end(mut self, input: &str, timeout: Duration) -> String {
        let name = self.name.clone();
        let mut stdin = self.child.stdin.take().expect("piped stdin");
        let mut stdout = self.child.stdout.take().expect("piped stdout");
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
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
                Ok(None) => panic!("{name} ran longer than {timeout:?}: killed"),
                Err(e) => panic!("cannot wait for {name}: {e}"),
            }
        };
        writer
            .join()
            .expect("the writing thread")
            .unwrap_or_else(|e| panic!("cannot write to {name}: {e}"));
        let output = reader
            .join()
            .expect("the reading thread")
            .unwrap_or_else(|e| panic!("cannot read from {name}: {e}"));
        assert!(
            status.success(),
            "{name} failed ({status}; its error is above), after printing:\n{output}"
        );
        output
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
