//! Sentence splitting.

use crate::Span;

/// Splits `text` into sentence spans (byte offsets, trimmed of surrounding
/// whitespace). Every non-blank part of the text lies in exactly one span.
pub fn split_sentences(text: &str) -> Vec<Span> {
    // Placeholder: split on newlines and ". " — to be replaced by the real splitter.
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let end_here = bytes[i] == b'\n'
            || (bytes[i] == b'.' && i + 1 < bytes.len() && bytes[i + 1] == b' ');
        if end_here {
            push_trimmed(text, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let l = s.len() - s.trim_start().len();
    let r = s.len() - s.trim_end().len();
    if start + l < end - r {
        out.push(Span::new(start + l, end - r));
    }
}
