//! Byte offset → char offset conversion.

/// Converts byte offsets of a text into char (Unicode scalar) offsets.
/// Pure-ASCII text takes a fast path with no table.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// For non-ASCII text: char index of each byte offset that starts a char
    /// (and of `len`). Empty for ASCII text.
    table: Vec<u32>,
}

impl CharMap {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharMap { table: Vec::new() };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut ci = 0u32;
        let mut last = 0usize;
        for (bi, _) in text.char_indices() {
            for slot in table.iter_mut().take(bi + 1).skip(last) {
                *slot = ci;
            }
            // bytes inside the previous char map to its index; this char starts at bi
            table[bi] = ci;
            last = bi + 1;
            ci += 1;
        }
        for slot in table.iter_mut().skip(last) {
            *slot = ci;
        }
        CharMap { table }
    }

    /// Char offset of a byte offset (a byte inside a multi-byte char maps to
    /// the char after it starts).
    pub fn to_char(&self, byte: usize) -> usize {
        if self.table.is_empty() {
            byte
        } else {
            self.table[byte.min(self.table.len() - 1)] as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_identity() {
        let m = CharMap::new("hello");
        assert_eq!(m.to_char(3), 3);
    }

    #[test]
    fn multibyte() {
        let t = "é“a”b";
        let m = CharMap::new(t);
        let b = t.find('a').unwrap();
        assert_eq!(m.to_char(b), 2);
        assert_eq!(m.to_char(t.len()), 5);
        let bb = t.find('b').unwrap();
        assert_eq!(m.to_char(bb), 4);
    }
}
