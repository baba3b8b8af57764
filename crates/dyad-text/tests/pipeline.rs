//! Splitter + tokenizer + CharMap together on a multi-paragraph text with
//! curly quotes and non-ASCII names.

use dyad_text::{split_sentences, tokenize, CharMap, TokenKind};

const DOC: &str = "Peru Chile Photo:EFE\n\
Peru’s Foreign Minister Élmer Schialer met his Chilean counterpart\n\
on Thursday. “We agreed on a joint border plan,” Schialer said.\n\
Chile’s Lt. Gen. José Núñez said: “The U.S. was not involved.” He left Lima.";

#[test]
fn sentences_tokens_and_char_offsets() {
    let sents = split_sentences(DOC);
    let texts: Vec<&str> = sents.iter().map(|s| s.text(DOC)).collect();
    assert_eq!(
        texts,
        vec![
            "Peru Chile Photo:EFE",
            "Peru’s Foreign Minister Élmer Schialer met his Chilean counterpart\non Thursday.",
            "“We agreed on a joint border plan,” Schialer said.",
            "Chile’s Lt. Gen. José Núñez said: “The U.S. was not involved.”",
            "He left Lima.",
        ]
    );

    let cm = CharMap::new(DOC);
    let toks = tokenize(DOC, sents[3]);
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    assert_eq!(
        norms,
        vec![
            "chile", "'s", "lt.", "gen.", "josé", "núñez", "said", ":", "\"", "the", "u.s.", "was",
            "not", "involved", ".", "\""
        ]
    );
    assert_eq!(toks[8].kind, TokenKind::Quote);
    assert_eq!(toks[15].kind, TokenKind::Quote);
    // Char offsets of "Núñez" agree with a char-based search.
    let nunez = &toks[5];
    let want = DOC.chars().collect::<Vec<_>>();
    let cs = cm.to_char(nunez.span.start);
    let ce = cm.to_char(nunez.span.end);
    assert_eq!(want[cs..ce].iter().collect::<String>(), "Núñez");
    // Sentence char spans round-trip too.
    for s in &sents {
        let (a, b) = (cm.to_char(s.start), cm.to_char(s.end));
        assert_eq!(want[a..b].iter().collect::<String>(), s.text(DOC));
    }
}
