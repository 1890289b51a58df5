//! The slow-client limit of a connection: one that delivers no complete request head for a
//! while, and has no request being answered, is closed.
//!
//! hyper's own `header_read_timeout` arms a timer (an allocation, a clock read, an entry in
//! tokio's timer wheel and its removal) for every request; this watchdog wakes once per period
//! per connection instead, and each request only counts itself. The price is precision: a
//! client gets between one and two periods to deliver a request head.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

/// What one connection is doing, as its requests report it.
#[derive(Debug, Default)]
pub(super) struct Activity {
    /// Request heads received so far (hyper calls the service once a head is complete).
    received: AtomicU64,
    /// Requests being answered (body read and handler), which may take longer than a period.
    answering: AtomicUsize,
}

/// A request being answered: counts itself in [`Activity`] until dropped (answered, or
/// abandoned with its connection).
pub(super) struct Answering<'a>(&'a Activity);

impl Activity {
    /// Counts a request whose head has arrived, as being answered until the guard drops.
    pub(super) fn request(&self) -> Answering<'_> {
        self.received.fetch_add(1, Relaxed);
        self.answering.fetch_add(1, Relaxed);
        Answering(self)
    }

    /// Returns once a whole `period` has passed in which no request head arrived and no
    /// request was being answered: the connection is then idle or being fed too slowly.
    pub(super) async fn stalled(&self, period: Duration) {
        let mut received = self.received.load(Relaxed);
        loop {
            tokio::time::sleep(period).await;
            let now = self.received.load(Relaxed);
            if now == received && self.answering.load(Relaxed) == 0 {
                return;
            }
            received = now;
        }
    }
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        self.0.answering.fetch_sub(1, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERIOD: Duration = Duration::from_millis(40);

    #[tokio::test]
    async fn an_idle_connection_stalls_after_one_period() {
        let activity = Activity::default();
        let started = tokio::time::Instant::now();
        activity.stalled(PERIOD).await;
        assert!(started.elapsed() >= PERIOD);
    }

    #[tokio::test]
    async fn a_request_being_answered_or_arriving_keeps_it_alive() {
        let activity = Activity::default();
        let answering = activity.request();
        let stalled = tokio::time::timeout(PERIOD * 5, activity.stalled(PERIOD)).await;
        assert!(
            stalled.is_err(),
            "stalled while a request was being answered"
        );
        drop(answering);
        // Requests arriving one after another, each within a period: never stalled.
        let arriving = async {
            for _ in 0..8 {
                tokio::time::sleep(PERIOD / 2).await;
                drop(activity.request());
            }
        };
        tokio::select! {
            () = activity.stalled(PERIOD) => panic!("stalled while requests kept arriving"),
            () = arriving => {}
        }
        // Then nothing more: stalled within two periods.
        let stalled = tokio::time::timeout(PERIOD * 3, activity.stalled(PERIOD)).await;
        assert!(
            stalled.is_ok(),
            "an idle connection was never found stalled"
        );
    }
}
