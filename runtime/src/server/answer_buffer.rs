//! The buffer an answer is written into, kept per thread between answers.
//!
//! An answer written into a fresh `Vec` costs two allocations before hyper sends it: the
//! vector, and the shared header `bytes` allocates when a vector with spare capacity becomes
//! [`Bytes`]. Written into this thread's buffer instead, a usual answer costs one: its bytes
//! copied into a [`Bytes`] of their exact size (a copy of a few hundred bytes is cheaper than an
//! allocation). A large answer is handed over as it is, without a copy, so no answer is ever in
//! memory twice beyond [`KEPT_MAX`] bytes.

use std::cell::Cell;

use bytes::Bytes;

use crate::envelope::ENVELOPE_CAPACITY;

/// The largest answer copied out of the buffer (and the most capacity a thread keeps between
/// answers); a larger one takes the buffer with it.
const KEPT_MAX: usize = 64 * 1024;

thread_local! {
    /// This thread's buffer, empty between answers (no capacity before the first).
    static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// This thread's buffer, emptied, to write an answer into; give it back with [`finish`].
pub(crate) fn take() -> Vec<u8> {
    let mut buf = SPARE.take();
    if buf.capacity() == 0 {
        buf.reserve(ENVELOPE_CAPACITY);
    }
    buf
}

/// The answer written into `buf` (from [`take`]), as the bytes to send; `buf` is kept for the
/// thread's next answer unless it went with a large answer.
pub(crate) fn finish(mut buf: Vec<u8>) -> Bytes {
    if buf.len() > KEPT_MAX {
        return Bytes::from(buf);
    }
    let answer = Bytes::copy_from_slice(&buf);
    if buf.capacity() <= KEPT_MAX {
        buf.clear();
        SPARE.set(buf);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_answer_is_copied_and_the_buffer_kept_a_large_one_moved() {
        let mut buf = take();
        buf.extend_from_slice(b"<a/>");
        let kept = buf.as_ptr();
        assert_eq!(&finish(buf)[..], b"<a/>");
        let again = take();
        assert!(again.is_empty());
        assert_eq!(again.as_ptr(), kept);
        let mut large = again;
        large.resize(KEPT_MAX + 1, b'x');
        let large_at = large.as_ptr();
        let sent = finish(large);
        assert_eq!(sent.len(), KEPT_MAX + 1);
        assert_eq!(sent.as_ptr(), large_at);
        assert_eq!(take().capacity(), ENVELOPE_CAPACITY);
    }
}
