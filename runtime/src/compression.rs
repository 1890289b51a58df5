//! HTTP compression (feature `compression`): the `gzip` and `deflate` content codings
//! (RFC 9110 §8.4.1), read within a size limit and written at a chosen level, for the
//! client's [`HttpTransport`](crate::client::HttpTransport) and the server's
//! [`SoapService`](crate::server::SoapService).
//!
//! Decompression is bounded: [`decompress`] stops as soon as the output passes the limit it is
//! given (a small body that inflates to gigabytes fails after `max` bytes, holding no more), and
//! a corrupt or truncated stream is a [`DecompressError`], never a panic. `deflate` is read in
//! either of the forms servers send: the zlib stream RFC 9110 names, or the raw deflate data
//! some (older IIS) send instead.

use bytes::Bytes;
use flate2::{Crc, Decompress, FlushDecompress, Status};

use std::fmt;
use std::io::Write as _;

/// What the output buffer grows by at least while inflating.
const INFLATE_STEP: usize = 32 * 1024;

/// A content coding the runtime reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentCoding {
    /// `gzip` (RFC 1952; `x-gzip` is read as the same).
    Gzip,
    /// `deflate`: a zlib stream (RFC 1950), or raw deflate data (RFC 1951) when read.
    Deflate,
}

impl ContentCoding {
    /// The coding's name in `Content-Encoding` and `Accept-Encoding`.
    pub fn name(self) -> &'static str {
        match self {
            ContentCoding::Gzip => "gzip",
            ContentCoding::Deflate => "deflate",
        }
    }

    /// The coding named `token` (`gzip`, `x-gzip` or `deflate`, in any case).
    pub fn from_name(token: &str) -> Option<ContentCoding> {
        let token = token.trim();
        if token.eq_ignore_ascii_case("gzip") || token.eq_ignore_ascii_case("x-gzip") {
            Some(ContentCoding::Gzip)
        } else if token.eq_ignore_ascii_case("deflate") {
            Some(ContentCoding::Deflate)
        } else {
            None
        }
    }

    /// The coding a `Content-Encoding` header's `value` applies: `Ok(None)` when it names
    /// none but `identity` (or nothing), `Err` with the value when it names a coding this
    /// runtime does not read, or several.
    pub fn from_content_encoding(value: &str) -> Result<Option<ContentCoding>, String> {
        let mut found = None;
        for token in value.split(',').map(str::trim) {
            if token.is_empty() || token.eq_ignore_ascii_case("identity") {
                continue;
            }
            match (found, ContentCoding::from_name(token)) {
                (None, Some(coding)) => found = Some(coding),
                _ => return Err(value.trim().to_owned()),
            }
        }
        Ok(found)
    }
}

impl fmt::Display for ContentCoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How bodies are compressed: the level, and the size below which a body is sent as it is
/// (compressing a few hundred bytes saves nothing worth the work).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compression {
    level: u32,
    min_size: usize,
}

impl Default for Compression {
    /// Level 1 (fast; SOAP's XML still shrinks several times), bodies of 1 KiB or more.
    fn default() -> Self {
        Compression {
            level: 1,
            min_size: 1024,
        }
    }
}

impl Compression {
    /// Level 1 for bodies of 1 KiB or more (see [`Compression::level`],
    /// [`Compression::min_size`]).
    pub fn new() -> Self {
        Compression::default()
    }

    /// The same at deflate level `level`: 1 (fastest) to 9 (smallest); above 9 counts as 9,
    /// 0 stores the data uncompressed.
    pub fn level(mut self, level: u32) -> Self {
        self.level = level.min(9);
        self
    }

    /// The same compressing only bodies of at least `bytes` bytes.
    pub fn min_size(mut self, bytes: usize) -> Self {
        self.min_size = bytes;
        self
    }

    /// The deflate level.
    pub fn compression_level(&self) -> u32 {
        self.level
    }

    /// True when a body of `len` bytes is worth compressing.
    pub fn applies_to(&self, len: usize) -> bool {
        len >= self.min_size
    }
}

/// Why a compressed body could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecompressError {
    /// The decompressed data passes the limit (a decompression bomb, or simply too large).
    #[error("the {coding} body decompresses to more than {max} bytes")]
    TooLarge {
        /// The body's coding.
        coding: ContentCoding,
        /// The limit on the decompressed size.
        max: usize,
    },
    /// The data is not valid in its coding.
    #[error("the {coding} body is corrupt at byte {offset}: {reason}")]
    Corrupt {
        /// The body's coding.
        coding: ContentCoding,
        /// Where in the compressed body the problem was found.
        offset: usize,
        /// What is wrong.
        reason: String,
    },
    /// The data ends before its stream does (a cut connection, a proxy's truncation).
    #[error("the {coding} body ends after {len} bytes, before the end of its compressed stream")]
    Truncated {
        /// The body's coding.
        coding: ContentCoding,
        /// The compressed body's length.
        len: usize,
    },
}

/// `body` compressed with `coding` at `settings`' level (gzip, or deflate as a zlib stream).
pub fn compress(coding: ContentCoding, body: &[u8], settings: &Compression) -> Bytes {
    let level = flate2::Compression::new(settings.level);
    // XML shrinks several times: a quarter is usually room enough at once.
    let out = Vec::with_capacity(body.len() / 4 + 64);
    // Writing to a Vec cannot fail: `expect` names that invariant.
    let written = match coding {
        ContentCoding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(out, level);
            encoder.write_all(body).and_then(|()| encoder.finish())
        }
        ContentCoding::Deflate => {
            let mut encoder = flate2::write::ZlibEncoder::new(out, level);
            encoder.write_all(body).and_then(|()| encoder.finish())
        }
    };
    Bytes::from(written.expect("compressing into a Vec does not fail"))
}

/// `body`, compressed with `coding`, decompressed; at most `max` bytes of output, else
/// [`DecompressError::TooLarge`] as soon as that is known, holding at most `max` bytes.
///
/// A gzip body may hold several members (they are joined); bytes after the last member that
/// do not start another are ignored, as browsers and urllib3 do. A deflate body may be a zlib
/// stream or raw deflate data (told apart by the zlib header).
pub fn decompress(
    coding: ContentCoding,
    body: &[u8],
    max: usize,
) -> Result<Bytes, DecompressError> {
    let mut inflater = Inflater {
        coding,
        body,
        max,
        out: Vec::with_capacity(body.len().saturating_mul(4).max(INFLATE_STEP).min(max)),
    };
    match coding {
        ContentCoding::Gzip => inflater.gzip()?,
        ContentCoding::Deflate => {
            let zlib = is_zlib_header(body);
            let mut decompress = Decompress::new(zlib);
            inflater.inflate(&mut decompress, 0)?;
        }
    }
    Ok(Bytes::from(inflater.out))
}

/// True when `body` starts with a zlib header (RFC 1950 §2.2): deflate method, a window of
/// at most 32 KiB, and the check bits.
fn is_zlib_header(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

/// One decompression: the input, the limit and the output so far.
struct Inflater<'a> {
    coding: ContentCoding,
    body: &'a [u8],
    max: usize,
    out: Vec<u8>,
}

impl Inflater<'_> {
    fn corrupt(&self, offset: usize, reason: impl Into<String>) -> DecompressError {
        DecompressError::Corrupt {
            coding: self.coding,
            offset,
            reason: reason.into(),
        }
    }

    fn truncated(&self) -> DecompressError {
        DecompressError::Truncated {
            coding: self.coding,
            len: self.body.len(),
        }
    }

    /// Inflates the deflate stream starting at `start` to its end, appending to the output;
    /// returns where the stream ended in the body.
    fn inflate(
        &mut self,
        decompress: &mut Decompress,
        start: usize,
    ) -> Result<usize, DecompressError> {
        loop {
            let consumed = start + counted(decompress.total_in());
            if self.out.len() == self.out.capacity() {
                if self.out.len() >= self.max {
                    // Full at the limit: one more byte of output is one too many.
                    let mut probe = [0u8; 1];
                    let before = decompress.total_out();
                    let status = decompress
                        .decompress(&self.body[consumed..], &mut probe, FlushDecompress::None)
                        .map_err(|e| self.corrupt(consumed, e.to_string()))?;
                    if decompress.total_out() > before {
                        return Err(DecompressError::TooLarge {
                            coding: self.coding,
                            max: self.max,
                        });
                    }
                    if status == Status::StreamEnd {
                        return Ok(start + counted(decompress.total_in()));
                    }
                    if start + counted(decompress.total_in()) == consumed {
                        return Err(self.truncated());
                    }
                    continue;
                }
                // Doubling, but never past the limit: memory stays bounded by it.
                let target = (self.out.len() * 2)
                    .max(self.out.len() + INFLATE_STEP)
                    .min(self.max);
                self.out.reserve_exact(target - self.out.len());
            }
            let (in_before, out_before) = (decompress.total_in(), decompress.total_out());
            let status = decompress
                .decompress_vec(&self.body[consumed..], &mut self.out, FlushDecompress::None)
                .map_err(|e| self.corrupt(consumed, e.to_string()))?;
            if status == Status::StreamEnd {
                return Ok(start + counted(decompress.total_in()));
            }
            let progressed =
                decompress.total_in() > in_before || decompress.total_out() > out_before;
            if !progressed && self.out.len() < self.out.capacity() {
                // Room for output and nothing came of the input left: it ended too soon.
                return Err(self.truncated());
            }
        }
    }

    /// Reads gzip members (RFC 1952) to the end of the body.
    fn gzip(&mut self) -> Result<(), DecompressError> {
        let mut at = 0;
        loop {
            let data = self.gzip_header(at)?;
            let output_start = self.out.len();
            let mut decompress = Decompress::new(false);
            let end = self.inflate(&mut decompress, data)?;
            let trailer = self
                .body
                .get(end..end + 8)
                .ok_or_else(|| self.truncated())?;
            let expected_crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
            let expected_len = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
            let mut crc = Crc::new();
            crc.update(&self.out[output_start..]);
            if crc.sum() != expected_crc {
                return Err(
                    self.corrupt(end, "the CRC-32 of the data does not match the trailer's")
                );
            }
            // ISIZE is the length modulo 2^32: the truncation is the format's own.
            if crc.amount() != expected_len {
                return Err(self.corrupt(
                    end + 4,
                    "the length of the data does not match the trailer's",
                ));
            }
            at = end + 8;
            // Another member follows only if it starts like one.
            if !self.body[at..].starts_with(&[0x1f, 0x8b]) {
                return Ok(());
            }
        }
    }

    /// Checks the gzip member header at `at` and returns where its deflate data starts.
    fn gzip_header(&self, at: usize) -> Result<usize, DecompressError> {
        const FHCRC: u8 = 0x02;
        const FEXTRA: u8 = 0x04;
        const FNAME: u8 = 0x08;
        const FCOMMENT: u8 = 0x10;
        let body = self.body;
        let fixed = body.get(at..at + 10).ok_or_else(|| self.truncated())?;
        if fixed[..2] != [0x1f, 0x8b] {
            return Err(self.corrupt(at, "not a gzip stream (no gzip magic bytes)"));
        }
        if fixed[2] != 8 {
            return Err(self.corrupt(
                at + 2,
                format!("unknown gzip compression method {}", fixed[2]),
            ));
        }
        let flags = fixed[3];
        if flags & 0xe0 != 0 {
            return Err(self.corrupt(at + 3, "reserved gzip header flags are set"));
        }
        let mut next = at + 10;
        if flags & FEXTRA != 0 {
            let len = body.get(next..next + 2).ok_or_else(|| self.truncated())?;
            next += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
        }
        for flag in [FNAME, FCOMMENT] {
            if flags & flag != 0 {
                let rest = body.get(next..).ok_or_else(|| self.truncated())?;
                let end = memchr::memchr(0, rest).ok_or_else(|| self.truncated())?;
                next += end + 1;
            }
        }
        if flags & FHCRC != 0 {
            next += 2;
        }
        if next > body.len() {
            return Err(self.truncated());
        }
        Ok(next)
    }
}

/// A count of bytes flate2 has read, as an offset into a body held in memory (so it fits).
fn counted(total: u64) -> usize {
    usize::try_from(total).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut xml = String::from("<Envelope><Body>");
        for i in 0..500 {
            xml.push_str(&format!("<item id=\"{i}\">value {i} &amp; more</item>"));
        }
        xml.push_str("</Body></Envelope>");
        xml.into_bytes()
    }

    #[test]
    fn what_is_compressed_decompresses_to_the_same_bytes() {
        let body = sample();
        for coding in [ContentCoding::Gzip, ContentCoding::Deflate] {
            for level in [0, 1, 6, 9] {
                let packed = compress(coding, &body, &Compression::new().level(level));
                if level > 0 {
                    assert!(
                        packed.len() * 5 < body.len(),
                        "{coding} level {level}: {}",
                        packed.len()
                    );
                }
                assert_eq!(
                    decompress(coding, &packed, body.len()).as_deref(),
                    Ok(&body[..])
                );
            }
        }
    }

    #[test]
    fn raw_deflate_and_concatenated_gzip_members_are_read() {
        let body = sample();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(&body).expect("write");
        let raw = raw.finish().expect("finish");
        assert_eq!(
            decompress(ContentCoding::Deflate, &raw, usize::MAX).as_deref(),
            Ok(&body[..])
        );

        let settings = Compression::new();
        let mut two = compress(ContentCoding::Gzip, b"first ", &settings).to_vec();
        two.extend_from_slice(&compress(ContentCoding::Gzip, b"second", &settings));
        // Bytes after the last member that do not start another are ignored.
        two.extend_from_slice(b"\0\0");
        assert_eq!(
            decompress(ContentCoding::Gzip, &two, 100).as_deref(),
            Ok(&b"first second"[..])
        );
    }

    #[test]
    fn a_gzip_header_with_its_optional_fields_is_read() {
        let body = sample();
        let mut encoder = flate2::GzBuilder::new()
            .filename("envelope.xml")
            .comment("a comment")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), flate2::Compression::default());
        encoder.write_all(&body).expect("write");
        let packed = encoder.finish().expect("finish");
        assert_eq!(
            decompress(ContentCoding::Gzip, &packed, usize::MAX).as_deref(),
            Ok(&body[..])
        );
    }

    #[test]
    fn output_past_the_limit_fails_and_output_at_the_limit_does_not() {
        let body = sample();
        for coding in [ContentCoding::Gzip, ContentCoding::Deflate] {
            let packed = compress(coding, &body, &Compression::new());
            assert_eq!(
                decompress(coding, &packed, body.len()).map(|b| b.len()),
                Ok(body.len())
            );
            assert_eq!(
                decompress(coding, &packed, body.len() - 1),
                Err(DecompressError::TooLarge {
                    coding,
                    max: body.len() - 1
                })
            );
            assert_eq!(
                decompress(coding, &packed, 0),
                Err(DecompressError::TooLarge { coding, max: 0 })
            );
        }
    }

    #[test]
    fn a_bomb_fails_at_the_limit_without_inflating_further() {
        // 16 MiB of zeros shrink to about 16 KiB.
        let zeros = vec![0u8; 16 << 20];
        let bomb = compress(ContentCoding::Gzip, &zeros, &Compression::new().level(9));
        drop(zeros);
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let max = 1 << 20;
        assert_eq!(
            decompress(ContentCoding::Gzip, &bomb, max),
            Err(DecompressError::TooLarge {
                coding: ContentCoding::Gzip,
                max
            })
        );
    }

    #[test]
    fn every_truncation_and_every_corruption_is_an_error_not_a_panic() {
        let body = sample();
        for coding in [ContentCoding::Gzip, ContentCoding::Deflate] {
            let packed = compress(coding, &body, &Compression::new());
            for len in 0..packed.len() {
                let cut = decompress(coding, &packed[..len], usize::MAX);
                assert!(
                    matches!(
                        cut,
                        Err(DecompressError::Truncated { .. } | DecompressError::Corrupt { .. })
                    ),
                    "{coding} cut at {len} of {}: {cut:?}",
                    packed.len()
                );
            }
            // Each byte flipped in turn: an error, or (rarely, in a deflate block's literal
            // data) other bytes that the checksum then refuses.
            for at in 0..packed.len() {
                // A gzip header's time, extra flags and system are covered by no check.
                if coding == ContentCoding::Gzip && (4..10).contains(&at) {
                    continue;
                }
                let mut bad = packed.to_vec();
                bad[at] ^= 0x55;
                let decoded = decompress(coding, &bad, body.len() * 2);
                assert!(decoded.is_err(), "{coding} flipped at {at}: decoded");
            }
        }
    }

    #[test]
    fn content_encoding_values_name_one_coding_or_none() {
        use ContentCoding::*;
        assert_eq!(ContentCoding::from_content_encoding("gzip"), Ok(Some(Gzip)));
        assert_eq!(
            ContentCoding::from_content_encoding(" X-GZIP "),
            Ok(Some(Gzip))
        );
        assert_eq!(
            ContentCoding::from_content_encoding("Deflate"),
            Ok(Some(Deflate))
        );
        assert_eq!(ContentCoding::from_content_encoding("identity"), Ok(None));
        assert_eq!(ContentCoding::from_content_encoding(""), Ok(None));
        assert_eq!(
            ContentCoding::from_content_encoding("identity, gzip"),
            Ok(Some(Gzip))
        );
        assert_eq!(ContentCoding::from_content_encoding("br"), Err("br".into()));
        assert_eq!(
            ContentCoding::from_content_encoding("gzip, gzip"),
            Err("gzip, gzip".into())
        );
    }
}
