//! Checks the shipped model: accuracy floor on a dev slice, sentences of our
//! own, CoNLL-U output.

use dyad_parse::{conllu, default_model, evaluate, parse, to_conllu, Model};
use std::path::Path;

fn word_index(p: &dyad_parse::ParsedSentence, w: &str) -> usize {
    p.words.iter().position(|x| x == w).expect("word present")
}

#[test]
fn shipped_model_accuracy_on_dev_slice() {
    let model = Model::load_default().expect("embedded model loads");
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/en_ewt-dev-first300.conllu.gz");
    let s = evaluate(&model, &path).expect("evaluation runs");
    eprintln!("dev[0..300]: {s}");
    assert_eq!(s.sentences, 300);
    // Shipped model: UPOS 95.88, XPOS 95.52, lemma 97.83, UAS 85.23, LAS 82.39.
    assert!(s.upos >= 94.5, "UPOS {}", s.upos);
    assert!(s.xpos >= 94.0, "XPOS {}", s.xpos);
    assert!(s.lemma >= 96.5, "lemma {}", s.lemma);
    assert!(s.uas >= 84.5, "UAS {}", s.uas);
    assert!(s.las >= 81.5, "LAS {}", s.las);
}

#[test]
fn subjects_and_objects_of_simple_sentences() {
    let p = parse(&["The", "rebels", "attacked", "the", "village", "."]);
    let v = word_index(&p, "attacked");
    assert_eq!(p.head[v], 0);
    assert_eq!(p.deprel[v], "root");
    assert_eq!(p.head_index(word_index(&p, "rebels")), Some(v));
    assert_eq!(p.deprel[word_index(&p, "rebels")], "nsubj");
    assert_eq!(p.head_index(word_index(&p, "village")), Some(v));
    assert_eq!(p.deprel[word_index(&p, "village")], "obj");
    assert_eq!(p.lemma[v], "attack");
    assert_eq!(p.upos[v], "VERB");

    let p = parse(&["France", "and", "China", "signed", "an", "agreement", "."]);
    let v = word_index(&p, "signed");
    let fr = word_index(&p, "France");
    assert_eq!(p.head_index(fr), Some(v));
    assert_eq!(p.deprel[fr], "nsubj");
    assert_eq!(p.head_index(word_index(&p, "China")), Some(fr));
    assert_eq!(p.deprel[word_index(&p, "China")], "conj");
    assert_eq!(p.deprel[word_index(&p, "agreement")], "obj");
    assert_eq!(p.upos[fr], "PROPN");

    let p = parse(&[
        "Police",
        "in",
        "Nairobi",
        "arrested",
        "two",
        "journalists",
        "on",
        "Monday",
        ".",
    ]);
    let v = word_index(&p, "arrested");
    assert_eq!(p.head_index(word_index(&p, "Police")), Some(v));
    assert_eq!(p.deprel[word_index(&p, "Police")], "nsubj");
    assert_eq!(p.head_index(word_index(&p, "journalists")), Some(v));
    assert_eq!(p.deprel[word_index(&p, "journalists")], "obj");
    assert_eq!(p.lemma[word_index(&p, "journalists")], "journalist");
}

#[test]
fn passive_and_possessive_tokens() {
    let p = parse(&[
        "Brazil",
        "'s",
        "president",
        "was",
        "criticized",
        "by",
        "the",
        "opposition",
        ".",
    ]);
    let v = word_index(&p, "criticized");
    assert_eq!(p.head[v], 0);
    let pres = word_index(&p, "president");
    assert_eq!(p.head_index(pres), Some(v));
    assert_eq!(p.deprel[pres], "nsubj:pass");
    assert_eq!(p.deprel[word_index(&p, "'s")], "case");
    assert_eq!(p.lemma[word_index(&p, "was")], "be");
}

#[test]
fn well_formed_trees_and_conllu_round_trip() {
    let m = default_model().expect("model");
    for words in [
        vec!["Hello"],
        vec![
            "Talks",
            "between",
            "India",
            "and",
            "Pakistan",
            "resumed",
            "in",
            "Geneva",
            "on",
            "Tuesday",
            "after",
            "a",
            "two-month",
            "pause",
            ".",
        ],
        vec![",", ",", "??", "-", "123"],
    ] {
        let p = m.parse(&words);
        assert_eq!(p.len(), words.len());
        assert_eq!(p.head.iter().filter(|&&h| h == 0).count(), 1);
        // Every word reaches the root without cycles.
        for i in 0..p.len() {
            let mut k = i;
            let mut steps = 0;
            while let Some(h) = p.head_index(k) {
                k = h;
                steps += 1;
                assert!(steps <= p.len(), "cycle");
            }
        }
        let text = to_conllu(&p);
        let back = conllu::read(text.as_bytes()).expect("reads back");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].tokens, p.tokens());
    }
    assert!(m.parse(&[]).is_empty());
}

#[test]
fn shipped_model_has_word_clusters() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.bin.gz");
    let c = dyad_parse::model_clusters(&path).expect("tagger model readable");
    assert!(c.len() > 5_000, "{} clustered words", c.len());
    let node = |w: &str| {
        c.entries()
            .iter()
            .find(|(x, _)| x == w)
            .map(|x| x.1)
            .unwrap_or(0)
    };
    let shared = |a: u16, b: u16| {
        (1..=dyad_parse::clusters::MAX_DEPTH)
            .filter(|&k| dyad_parse::clusters::prefix(a, k) == dyad_parse::clusters::prefix(b, k))
            .count()
    };
    // Determiners sit closer to each other than to a verb; so do two months.
    let (the, a, said) = (node("the"), node("a"), node("said"));
    assert!(the != 0 && a != 0 && said != 0);
    assert!(shared(the, a) > shared(the, said));
    assert!(shared(node("january"), node("march")) > shared(node("january"), node("said")));
}

#[test]
fn corrected_tags_reach_the_parser() {
    let m = dyad_parse::default_model().expect("embedded model loads");
    let words = ["Officials", "deported", "migrants", "."];
    let mut t = m.tag(&words);
    assert_eq!(t.xpos.len(), 4);
    assert!(m.retag(&mut t, 1, "VERB", "VBD"));
    assert!(
        !m.retag(&mut t, 1, "VERB", "NOT-A-TAG"),
        "unknown pairs are refused"
    );
    assert!(!m.retag(&mut t, 9, "VERB", "VBD"), "out of range");
    let p = m.parse_tagged(&words, t);
    assert_eq!((p.upos[1].as_str(), p.xpos[1].as_str()), ("VERB", "VBD"));
    assert_eq!(p.lemma[1], "deport");
    assert_eq!(p.deprel[1], "root");
    assert_eq!(p.head_index(0), Some(1));
    assert_eq!(p.head_index(2), Some(1));
    // Tagging then parsing is what `parse` does.
    let whole = m.parse(&words[..3]);
    let halves = m.parse_tagged(&words[..3], m.tag(&words[..3]));
    assert_eq!(whole, halves);
}
