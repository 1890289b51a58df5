//! The authenticated connections an [`NtlmTransport`](super::NtlmTransport) keeps idle between
//! calls, by endpoint, and the scheme each endpoint was found to accept.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::connection::{Connection, Key};
use super::header::Scheme;

/// Idle authenticated connections, at most `max_idle` per endpoint.
pub(super) struct Pool {
    max_idle: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    idle: HashMap<Key, Vec<Connection>>,
    /// Endpoints that offered only `Negotiate`: the handshake starts there.
    schemes: HashMap<Key, Scheme>,
}

impl Pool {
    /// An empty pool keeping at most `max_idle` connections per endpoint.
    pub(super) fn new(max_idle: usize) -> Self {
        Pool {
            max_idle,
            state: Mutex::default(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding the lock; were it poisoned, the maps are still whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An idle connection to `key`, the most recently used first; closed ones are dropped.
    pub(super) fn take(&self, key: &Key) -> Option<Connection> {
        let mut state = self.state();
        let idle = state.idle.get_mut(key)?;
        while let Some(connection) = idle.pop() {
            if !connection.is_closed() {
                return Some(connection);
            }
        }
        None
    }

    /// Keeps `connection` for the next call to `key`, unless enough are kept already.
    pub(super) fn put(&self, key: Key, connection: Connection) {
        if connection.is_closed() {
            return;
        }
        let mut state = self.state();
        let idle = state.idle.entry(key).or_default();
        idle.retain(|c| !c.is_closed());
        if idle.len() < self.max_idle {
            idle.push(connection);
        }
    }

    /// The scheme to start the handshake with at `key`: NTLM unless it offered only Negotiate.
    pub(super) fn scheme(&self, key: &Key) -> Scheme {
        self.state()
            .schemes
            .get(key)
            .copied()
            .unwrap_or(Scheme::Ntlm)
    }

    /// Remembers that `key` accepts `scheme`.
    pub(super) fn set_scheme(&self, key: Key, scheme: Scheme) {
        self.state().schemes.insert(key, scheme);
    }

    /// The number of idle connections kept (for `Debug`).
    pub(super) fn idle(&self) -> usize {
        self.state().idle.values().map(Vec::len).sum()
    }
}
