//! Where each line of a document starts, found once per document, so that locating a node
//! (line, column and the source line of a diagnostic) costs a binary search and a look at its
//! own line instead of a scan from the start of the document.

use super::error::Location;

/// The byte offsets at which the lines of one text start (the first is 0).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text` (lines end at `\n`; a `\r` before it stays part of the line
    /// and is left out of the source line shown).
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 48 + 1);
        starts.push(0);
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { starts }
    }

    /// The location of byte `offset` of `text` (the text this index was built from), read from
    /// `file`: 1-based line, 1-based column in characters, and the text of that line. An offset
    /// past the end or inside a character is moved back to the end or the character's start.
    pub(crate) fn locate(&self, file: &str, text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // The number of lines starting at or before `offset`, at least 1 (the first starts at 0).
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |next| next - 1);
        let column = text[start..offset].chars().count() + 1;
        Location {
            file: file.to_string(),
            line: to_u32(line),
            column: to_u32(column),
            source_line: text[start..end].trim_end_matches('\r').to_string(),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the reader computed before the index: roxmltree's row and column (newlines before
    /// the offset, characters since the last one) and the `nth` of `str::lines`.
    fn scanned(text: &str, offset: usize) -> (u32, u32, String) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.chars().rev().take_while(|c| *c != '\n').count() + 1;
        let source_line = text
            .lines()
            .nth(line - 1)
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        (to_u32(line), to_u32(column), source_line)
    }

    #[test]
    fn every_offset_is_located_as_a_scan_from_the_start_locates_it() {
        let texts = [
            "",
            "\n",
            "<a/>",
            "<a>\n  <b/>\n</a>\n",
            "<a>\r\n\té<b/>\r\n</a>\r\n\r\n",
            "x\r\r\ny\n\n\nz\r",
            "é\n  ü<x/>",
        ];
        for text in texts {
            let index = LineIndex::new(text);
            for offset in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let loc = index.locate("f", text, offset);
                assert_eq!(
                    (loc.line, loc.column, loc.source_line),
                    scanned(text, offset),
                    "{text:?} at {offset}"
                );
                assert_eq!(loc.file, "f");
            }
        }
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_move_back() {
        let text = "é\nab";
        let index = LineIndex::new(text);
        assert_eq!(index.locate("f", text, 1).column, 1);
        let end = index.locate("f", text, 99);
        assert_eq!(
            (end.line, end.column, end.source_line.as_str()),
            (2, 3, "ab")
        );
    }
}
