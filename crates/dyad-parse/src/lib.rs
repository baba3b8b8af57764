//! English part-of-speech tagger, lemmatiser and dependency parser trained on
//! UD English-EWT: averaged perceptrons with word-cluster features, a greedy
//! arc-eager parser with a dynamic oracle, compact quantised models embedded
//! in the crate.
//!
//! Head convention: [`ParsedSentence::head`] is 1-based like CoNLL-U, with 0
//! meaning the root. Reported LAS uses the main relation (the part of the
//! label before `:`), as in the CoNLL 2018 shared task; `las_full` compares
//! full labels.

pub mod binio;
pub mod clusters;
pub mod conllu;
pub mod hash;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod tagger;

use anyhow::{bail, Context as _, Result};
use binio::{Reader, Writer};
use conllu::{Sentence, Token};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use hash::{hash_str, mix};
use lemma::Lemmatizer;
use parser::{Context, Parser, TrainSent};
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;
use tagger::{Tagger, WordInfo};

/// Training passes over the data for the tagger.
pub const TAGGER_EPOCHS: usize = 10;
/// Folds for the tagger's jack-knifed first pass (0 = single-pass tagger).
pub const TAGGER_FOLDS: usize = 4;
/// Training passes over the data for the parser.
pub const PARSER_EPOCHS: usize = 15;
/// Folds used to produce jack-knifed predicted tags for parser training.
pub const JACKKNIFE_FOLDS: usize = 4;
/// Parsers (seeds `seed`, `seed + 1`, ...) whose weights are summed into the
/// shipped parser: a score ensemble at the cost of one parser per word.
pub const PARSER_ENSEMBLE: usize = 4;
/// Folds for the guide trees of the training split (stacking, see
/// [`ParserConfig::GUIDED`]).
pub const GUIDE_FOLDS: usize = 4;
/// Training passes for the guide parsers.
pub const GUIDE_EPOCHS: usize = 10;

/// How [`train_parser`] builds the parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParserConfig {
    /// Parsers (seeds `seed`, `seed + 1`, ...) whose weights are summed.
    pub members: usize,
    /// Stacking: a right-to-left parser is trained too, and its tree of
    /// each sentence guides the parser.
    pub guided: bool,
    /// Parser and guide use the smaller feature set (half the lookups).
    pub lite: bool,
    /// Parser weights whose quantised magnitude (of 32,000, after the
    /// members' weights are summed) is below this are dropped.
    pub prune: i32,
    /// Guide weights whose quantised magnitude is below this are dropped.
    pub guide_prune: i32,
    /// Right-to-left guides (seeds apart) whose weights are summed into
    /// each guide (the fold guides and the shipped one alike).
    pub guide_members: usize,
}

impl ParserConfig {
    /// The shipped configuration (session 13): stacking with the smaller
    /// feature set, two guides summed into one and two guided parsers
    /// summed into one. EWT test UAS 87.20 / LAS 84.50 at about 0.93 of
    /// the session-11 ensemble's speed (two lite parsers per sentence).
    pub const SHIPPED: ParserConfig = ParserConfig {
        members: 2,
        guided: true,
        lite: true,
        prune: 200,
        guide_prune: 500,
        guide_members: 2,
    };
    /// The parser shipped before session 13: a four-parser ensemble in one
    /// table, no guide (EWT test UAS 86.25 / LAS 83.55; fastest).
    pub const ENSEMBLE: ParserConfig = ParserConfig {
        members: PARSER_ENSEMBLE,
        guided: false,
        lite: false,
        prune: 100,
        guide_prune: 0,
        guide_members: 0,
    };
    /// Stacking (Nivre & McDonald 2008) with the full feature set: one
    /// parser guided by one right-to-left parser; EWT test UAS 87.10 / LAS
    /// 84.43, but two full parsers per sentence run at about half the
    /// ensemble's speed, below the 50,000 tokens/s floor.
    pub const GUIDED: ParserConfig = ParserConfig {
        members: 1,
        guided: true,
        lite: false,
        prune: 100,
        guide_prune: 200,
        guide_members: 1,
    };
    /// [`ParserConfig::GUIDED`] with the smaller feature set in both
    /// parsers: EWT test UAS 86.88 / LAS 84.17 at about 0.89 of the
    /// ensemble's speed.
    pub const GUIDED_LITE: ParserConfig = ParserConfig {
        members: 1,
        guided: true,
        lite: true,
        prune: 100,
        guide_prune: 400,
        guide_members: 1,
    };

    /// The configurations by the names the command line and the training
    /// example take.
    pub const NAMED: [(&'static str, ParserConfig); 4] = [
        ("shipped", Self::SHIPPED),
        ("ensemble", Self::ENSEMBLE),
        ("guided", Self::GUIDED),
        ("guided-lite", Self::GUIDED_LITE),
    ];

    /// The configuration called `name` (see [`ParserConfig::NAMED`]).
    pub fn named(name: &str) -> Option<ParserConfig> {
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, c)| c)
    }
}
/// Tagger weights whose quantised magnitude is below this (of 32,000) are
/// dropped from the saved model.
pub const TAGGER_PRUNE: i32 = 300;

const TAGGER_MAGIC: &[u8; 8] = b"DYADTAG2";
/// Version 3 (session 12): version 2's parser (session 10: root at the end
/// of the buffer, runner-up tag features), then a flag byte (bit 0: a
/// right-to-left guide parser follows; bit 1: the guide uses the lite
/// template set; bit 2: the parser does) and the guide; older versions are
/// refused with a message.
const PARSER_MAGIC: &[u8; 8] = b"DYADPAR3";

static TAGGER_BYTES: &[u8] = include_bytes!("../../../models/tagger.bin.gz");
static PARSER_BYTES: &[u8] = include_bytes!("../../../models/parser.bin.gz");

/// Tagged, lemmatised and parsed sentence (all vectors have one entry per word).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedSentence {
    /// The input words.
    pub words: Vec<String>,
    /// Universal POS tags.
    pub upos: Vec<String>,
    /// Penn Treebank tags.
    pub xpos: Vec<String>,
    /// Lemmas.
    pub lemma: Vec<String>,
    /// Heads, 1-based; 0 means the word is the root.
    pub head: Vec<usize>,
    /// Universal dependency relations (with subtypes such as `nsubj:pass`).
    pub deprel: Vec<String>,
}

impl ParsedSentence {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }
    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    /// 0-based index of the head of word `i` (0-based), `None` for the root.
    pub fn head_index(&self, i: usize) -> Option<usize> {
        match self.head.get(i) {
            Some(&h) if h > 0 => Some(h - 1),
            _ => None,
        }
    }
    /// 0-based indices of the dependents of word `i` (0-based).
    pub fn dependents(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.head
            .iter()
            .enumerate()
            .filter(move |(_, &h)| h == i + 1)
            .map(|(j, _)| j)
    }
    /// Converts to CoNLL-U tokens.
    pub fn tokens(&self) -> Vec<Token> {
        (0..self.len())
            .map(|i| Token {
                form: self.words[i].clone(),
                lemma: self.lemma[i].clone(),
                upos: self.upos[i].clone(),
                xpos: self.xpos[i].clone(),
                head: self.head[i],
                deprel: self.deprel[i].clone(),
            })
            .collect()
    }
}

/// Renders one parsed sentence as a CoNLL-U block (ending with a blank line).
pub fn to_conllu(s: &ParsedSentence) -> String {
    let mut out = String::new();
    conllu::write_tokens(&mut out, &s.tokens());
    out.push('\n');
    out
}

/// Accuracy figures in percent over gold-tokenised sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Sentences evaluated.
    pub sentences: usize,
    /// Words evaluated.
    pub tokens: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Lemma accuracy.
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score on the main relation (before `:`).
    pub las: f64,
    /// Labelled attachment score on full labels.
    pub las_full: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sentences, {} words: UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2} (full labels {:.2})",
            self.sentences, self.tokens, self.upos, self.xpos, self.lemma, self.uas, self.las, self.las_full
        )
    }
}

/// What a training run did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Progress lines.
    pub log: Vec<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Scores on the dev file (parser figures are zero after tagger-only training).
    pub dev: Scores,
    /// Written model file.
    pub model_path: String,
    /// Model file size in bytes.
    pub model_bytes: u64,
}

impl Report {
    /// A report on a model just written to `out` (`bytes` long), with the
    /// time since `start`.
    fn finished(log: Vec<String>, start: Instant, dev: Scores, out: &Path, bytes: u64) -> Report {
        Report {
            log,
            seconds: start.elapsed().as_secs_f64(),
            dev,
            model_path: out.display().to_string(),
            model_bytes: bytes,
        }
    }
}

/// Tagger, lemmatiser and parser together.
pub struct Model {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parsers,
    tag_hash: Vec<u64>,
}

/// What a parser model file holds: the parser and, when it was trained
/// with one (stacking), the right-to-left parser whose tree guides it.
pub struct Parsers {
    /// The parser whose tree is the output.
    pub main: Parser,
    /// The guide, run first on the sentence read backwards.
    pub guide: Option<Parser>,
}

impl Parsers {
    /// Parses a tagged sentence: the guide's tree first (when there is a
    /// guide), then the main parser's; (head, label index) of words 1..=n.
    pub fn parse(&self, ctx: &mut Context) -> (Vec<usize>, Vec<u8>) {
        if let Some(g) = &self.guide {
            ctx.set_guide(g);
        }
        self.main.parse(ctx)
    }

    fn prune(&mut self, main: i32, guide: i32) {
        self.main.prune(main);
        if let Some(g) = &mut self.guide {
            g.prune(guide);
        }
    }
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes)?;
    Ok(e.finish()?)
}

/// The body of a model file after its magic, when the magic is `magic`;
/// another version of the same kind is refused by name (`what`: "tagger" or
/// "parser"; `why`: what this version changed), anything else as not a model.
fn model_body<'a>(raw: &'a [u8], magic: &[u8; 8], what: &str, why: &str) -> Result<Reader<'a>> {
    match raw.get(..8) {
        Some(m) if m == magic => Ok(Reader::new(&raw[8..])),
        Some(m) if m[..7] == magic[..7] => bail!(
            "{what} model format {} is not this build's {} ({why}); retrain with `dyad train {what}`",
            String::from_utf8_lossy(m),
            String::from_utf8_lossy(magic)
        ),
        _ => bail!("not a dyad {what} model"),
    }
}

fn read_tagger(gz: &[u8]) -> Result<(Tagger, Lemmatizer)> {
    let raw = gunzip(gz).context("decompressing tagger model")?;
    let why = "version 2 stores the ambiguity classes of the training words";
    let mut r = model_body(&raw, TAGGER_MAGIC, "tagger", why)?;
    let t = Tagger::read(&mut r)?;
    let l = Lemmatizer::read(&mut r)?;
    Ok((t, l))
}

fn read_parser(gz: &[u8]) -> Result<Parsers> {
    let raw = gunzip(gz).context("decompressing parser model")?;
    let why = "version 3 may carry a right-to-left guide parser";
    let r = &mut model_body(&raw, PARSER_MAGIC, "parser", why)?;
    let mut main = Parser::read(r)?;
    // Bit 0: a guide follows; bit 1: the guide is lite; bit 2: the parser is.
    let flags = r.u8()?;
    if flags & !7 != 0 || flags & 3 == 2 {
        bail!("bad guide flag {flags} in parser model");
    }
    main.lite = flags & 4 != 0;
    let guide = match flags & 1 {
        0 => None,
        _ => {
            let mut g = Parser::read(r)?;
            g.lite = flags & 2 != 0;
            Some(g)
        }
    };
    if guide.as_ref().is_some_and(|g| g.labels != main.labels) {
        bail!("guide parser has another label set than the parser");
    }
    Ok(Parsers { main, guide })
}

fn write_tagger(t: &Tagger, l: &Lemmatizer, out: &Path) -> Result<u64> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(TAGGER_MAGIC);
    t.write(&mut w);
    l.write(&mut w);
    write_file(out, &gzip(&w.buf)?)
}

fn write_parser(p: &Parsers, out: &Path) -> Result<u64> {
    write_file(out, &gzip(&parser_bytes(p))?)
}

/// A parser model file's bytes before compression.
fn parser_bytes(p: &Parsers) -> Vec<u8> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(PARSER_MAGIC);
    p.main.write(&mut w);
    let lite = 4 * u8::from(p.main.lite);
    match &p.guide {
        None => w.u8(lite),
        Some(g) => {
            w.u8(lite | 1 | (u8::from(g.lite) << 1));
            g.write(&mut w);
        }
    }
    w.buf
}

fn write_file(out: &Path, bytes: &[u8]) -> Result<u64> {
    if let Some(d) = out.parent() {
        if !d.as_os_str().is_empty() {
            std::fs::create_dir_all(d)?;
        }
    }
    std::fs::write(out, bytes).with_context(|| format!("writing {}", out.display()))?;
    Ok(bytes.len() as u64)
}

/// The parser's view of a tagger's runner-up tag: the tag with how close it
/// came (three bands of the score margin, in perceptron units); one
/// constant when the best tag won clearly.
fn alt_key(alt_tag: u64, margin: f32) -> u64 {
    let band = match margin {
        m if m < 12.0 => 1,
        m if m < 25.0 => 2,
        m if m < 40.0 => 3,
        _ => return NO_ALT,
    };
    mix(alt_tag, band)
}

const NO_ALT: u64 = 0xC0C0_0003;

/// The (tag, runner-up) keys the parser reads for tagged words, given each
/// tag index's hash.
fn parser_tags<'a>(
    tags: &'a [u16],
    alt: &'a [(u16, f32)],
    hash: impl Fn(u16) -> u64 + 'a,
) -> impl Iterator<Item = (u64, u64)> + 'a {
    tags.iter()
        .zip(alt)
        .map(move |(&tg, &(a, m))| (hash(tg), alt_key(hash(a), m)))
}

/// Tags words; returns the tag indices and the parser's keys for them.
fn tag_keys(t: &Tagger, words: &[&str]) -> (Vec<u16>, Vec<(u64, u64)>) {
    let ws: Vec<WordInfo> = words.iter().map(|w| t.info(w)).collect();
    let (mut tags, mut alt) = (Vec::new(), Vec::new());
    t.tag_infos_alt(&ws, &mut tags, &mut alt);
    let keys = parser_tags(&tags, &alt, |tg| {
        let (u, x) = &t.tags[tg as usize];
        tag_hash(u, x)
    })
    .collect();
    (tags, keys)
}

fn tag_hash(upos: &str, xpos: &str) -> u64 {
    mix(hash_str(upos), hash_str(xpos))
}

impl Model {
    /// Builds a model from gzipped tagger and parser model bytes.
    pub fn from_bytes(tagger_gz: &[u8], parser_gz: &[u8]) -> Result<Model> {
        let (tagger, lemmatizer) = read_tagger(tagger_gz)?;
        let parser = read_parser(parser_gz)?;
        Ok(Model::assemble(tagger, lemmatizer, parser))
    }

    fn assemble(tagger: Tagger, lemmatizer: Lemmatizer, parser: Parsers) -> Model {
        let tag_hash = tagger.tags.iter().map(|(u, x)| tag_hash(u, x)).collect();
        Model {
            tagger,
            lemmatizer,
            parser,
            tag_hash,
        }
    }

    /// Loads the `tagger.bin.gz` and `parser.bin.gz` of a folder (as
    /// [`train_tagger`] / [`train_parser`] or `dyad train --out` write them).
    pub fn load_dir(dir: &Path) -> Result<Model> {
        Model::load(&dir.join("tagger.bin.gz"), &dir.join("parser.bin.gz"))
    }

    /// Loads model files from disk.
    pub fn load(tagger_path: &Path, parser_path: &Path) -> Result<Model> {
        let t = std::fs::read(tagger_path)
            .with_context(|| format!("reading {}", tagger_path.display()))?;
        let p = std::fs::read(parser_path)
            .with_context(|| format!("reading {}", parser_path.display()))?;
        Model::from_bytes(&t, &p)
    }

    /// Loads the model embedded in the crate (trained on UD English-EWT).
    pub fn load_default() -> Result<Model> {
        Model::from_bytes(TAGGER_BYTES, PARSER_BYTES)
    }

    /// Tags, lemmatises and parses pre-tokenised words.
    pub fn parse(&self, words: &[&str]) -> ParsedSentence {
        self.parse_tagged(words, self.tag(words))
    }

    /// Tags pre-tokenised words (the first half of [`Model::parse`]); the
    /// tags can be corrected with [`Model::retag`] before
    /// [`Model::parse_tagged`] parses with them.
    pub fn tag(&self, words: &[&str]) -> Tagging {
        let infos: Vec<WordInfo> = words.iter().map(|w| self.tagger.info(w)).collect();
        let (mut tags, mut alt) = (
            Vec::with_capacity(words.len()),
            Vec::with_capacity(words.len()),
        );
        self.tagger.tag_infos_alt(&infos, &mut tags, &mut alt);
        let (upos, xpos) = tags
            .iter()
            .map(|&t| self.tagger.tags[t as usize].clone())
            .unzip();
        Tagging {
            upos,
            xpos,
            infos,
            tags,
            alt,
        }
    }

    /// Sets word `i`'s tags to `upos`/`xpos`, as if the tagger had chosen
    /// them with no close runner-up; false (nothing changed) when `i` is
    /// out of range or the tagger knows no such pair.
    pub fn retag(&self, t: &mut Tagging, i: usize, upos: &str, xpos: &str) -> bool {
        let Some(k) = self
            .tagger
            .tags
            .iter()
            .position(|(u, x)| u == upos && x == xpos)
        else {
            return false;
        };
        if i >= t.tags.len() {
            return false;
        }
        t.tags[i] = k as u16;
        t.alt[i] = (k as u16, f32::INFINITY);
        t.upos[i] = upos.to_string();
        t.xpos[i] = xpos.to_string();
        true
    }

    /// Lemmatises and parses words tagged by [`Model::tag`] (the second
    /// half of [`Model::parse`]).
    pub fn parse_tagged(&self, words: &[&str], t: Tagging) -> ParsedSentence {
        let mut ctx = Context::new(
            t.infos.iter().map(|i| (i.lower, i.suf[2], i.cl)),
            parser_tags(&t.tags, &t.alt, |k| self.tag_hash[k as usize]),
        );
        let (heads, labels) = self.parser.parse(&mut ctx);
        ParsedSentence {
            words: words.iter().map(|w| w.to_string()).collect(),
            lemma: words
                .iter()
                .zip(&t.xpos)
                .map(|(w, x)| self.lemmatizer.lemma(w, x))
                .collect(),
            upos: t.upos,
            xpos: t.xpos,
            head: heads,
            deprel: labels
                .iter()
                .map(|&l| self.parser.main.labels[l as usize].clone())
                .collect(),
        }
    }
}

/// A tagged sentence on its way to the parser (see [`Model::tag`]).
#[derive(Clone, Debug)]
pub struct Tagging {
    /// Universal tag of each word.
    pub upos: Vec<String>,
    /// Penn tag of each word.
    pub xpos: Vec<String>,
    infos: Vec<WordInfo>,
    tags: Vec<u16>,
    alt: Vec<(u16, f32)>,
}

/// Environment variable naming a folder whose `tagger.bin.gz` and
/// `parser.bin.gz` (as `dyad train` writes them) replace the embedded
/// models in [`default_model`], and so in the event coder.
pub const MODEL_DIR_VAR: &str = "DYAD_MODEL_DIR";

/// The model, loaded once: the embedded one, or the files in the folder
/// named by [`MODEL_DIR_VAR`] when it is set.
pub fn default_model() -> Result<&'static Model> {
    static M: OnceLock<std::result::Result<Model, String>> = OnceLock::new();
    M.get_or_init(
        || match std::env::var_os(MODEL_DIR_VAR).filter(|d| !d.is_empty()) {
            Some(d) => Model::load_dir(Path::new(&d))
                .map_err(|e| format!("{MODEL_DIR_VAR}={}: {e:#}", d.to_string_lossy())),
            None => Model::load_default().map_err(|e| format!("embedded model: {e:#}")),
        },
    )
    .as_ref()
    .map_err(|e| anyhow::anyhow!("loading parser model: {e}"))
}

/// Parses words with the embedded model. Should the embedded model fail to
/// load (it is checked by the tests), every word is tagged `X` and attached
/// to the first word.
pub fn parse(words: &[&str]) -> ParsedSentence {
    match default_model() {
        Ok(m) => m.parse(words),
        Err(_) => ParsedSentence {
            words: words.iter().map(|w| w.to_string()).collect(),
            upos: vec!["X".into(); words.len()],
            xpos: vec!["XX".into(); words.len()],
            lemma: words.iter().map(|w| w.to_lowercase()).collect(),
            head: (0..words.len()).map(|i| usize::from(i > 0)).collect(),
            deprel: (0..words.len())
                .map(|i| if i == 0 { "root" } else { "dep" }.to_string())
                .collect(),
        },
    }
}

fn main_rel(l: &str) -> &str {
    l.split(':').next().unwrap_or(l)
}

/// Scores `model` against gold sentences.
pub fn evaluate_sentences(model: &Model, gold: &[Sentence]) -> Scores {
    let mut c = [0usize; 6];
    let mut n = 0usize;
    for s in gold {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let p = model.parse(&words);
        for (i, t) in s.tokens.iter().enumerate() {
            n += 1;
            c[0] += (p.upos[i] == t.upos) as usize;
            c[1] += (p.xpos[i] == t.xpos) as usize;
            c[2] += (p.lemma[i] == t.lemma) as usize;
            if p.head[i] == t.head {
                c[3] += 1;
                c[4] += (main_rel(&p.deprel[i]) == main_rel(&t.deprel)) as usize;
                c[5] += (p.deprel[i] == t.deprel) as usize;
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    Scores {
        sentences: gold.len(),
        tokens: n,
        upos: pct(c[0]),
        xpos: pct(c[1]),
        lemma: pct(c[2]),
        uas: pct(c[3]),
        las: pct(c[4]),
        las_full: pct(c[5]),
    }
}

/// Reads a CoNLL-U file (plain or gzipped) and scores `model` on it with gold tokenisation.
pub fn evaluate(model: &Model, conllu_path: &Path) -> Result<Scores> {
    let gold = conllu::read_file(conllu_path)?;
    Ok(evaluate_sentences(model, &gold))
}

/// Parses every sentence of a CoNLL-U file (using its tokenisation) and returns CoNLL-U text.
pub fn parse_conllu(model: &Model, conllu_path: &Path) -> Result<String> {
    let mut sents = conllu::read_file(conllu_path)?;
    for s in &mut sents {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        s.tokens = model.parse(&words).tokens();
    }
    Ok(conllu::write(&sents))
}

/// Trains the tagger and lemmatiser on `train`, reports dev accuracy and writes the model to `out`.
pub fn train_tagger(train: &Path, dev: &Path, out: &Path, seed: u64) -> Result<Report> {
    let start = Instant::now();
    let tr = conllu::read_file(train)?;
    let dv = conllu::read_file(dev)?;
    let mut log = Vec::new();
    let mut logf = |s: String| {
        eprintln!("{s}");
        log.push(s);
    };
    let cl = learn_clusters(&tr, seed, &mut logf)?;
    let mut t = tagger::train(&tr, cl, TAGGER_EPOCHS, TAGGER_FOLDS, seed, &mut logf);
    t.prune(TAGGER_PRUNE);
    let l = Lemmatizer::train(&tr);
    let (u, x) = tagger::accuracy(&t, &dv);
    let bytes = write_tagger(&t, &l, out)?;
    let mut lemma_ok = 0usize;
    let mut n = 0usize;
    for s in &dv {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let tags = t.tag(&words);
        for (tok, &tg) in s.tokens.iter().zip(&tags) {
            n += 1;
            lemma_ok += (l.lemma(&tok.form, &t.tags[tg as usize].1) == tok.lemma) as usize;
        }
    }
    let dev_scores = Scores {
        sentences: dv.len(),
        tokens: n,
        upos: u,
        xpos: x,
        lemma: 100.0 * lemma_ok as f64 / n.max(1) as f64,
        ..Default::default()
    };
    logf(format!(
        "tagger dev: UPOS {:.2} XPOS {:.2} lemma {:.2}",
        dev_scores.upos, dev_scores.xpos, dev_scores.lemma
    ));
    Ok(Report::finished(log, start, dev_scores, out, bytes))
}

/// Trains the parser on `train` with jack-knifed predicted tags, writes it to
/// `out`, and scores it on `dev` together with the tagger at `tagger_model`.
///
/// Steps: (1) every ensemble member gets the training split tagged by its
/// own jack-knifed taggers; (2) with stacking on, right-to-left guide
/// parsers are trained on the first member's data, one per fold on the
/// other folds (their trees of the held-out fold are what the main parser
/// learns from, as an unseen sentence would look) and one on all of it
/// (shipped, for dev and inference), each the sum of
/// [`ParserConfig::guide_members`] guides with different seeds; (3) the
/// members train on their data
/// with the guide trees, in parallel; their weights are summed and pruned.
pub fn train_parser(
    train: &Path,
    dev: &Path,
    tagger_model: &Path,
    out: &Path,
    seed: u64,
    config: ParserConfig,
) -> Result<Report> {
    let start = Instant::now();
    let tr = conllu::read_file(train)?;
    let dv = conllu::read_file(dev)?;
    let tagger_bytes = std::fs::read(tagger_model)
        .with_context(|| format!("reading {}", tagger_model.display()))?;
    let (full_tagger, lemmatizer) = read_tagger(&tagger_bytes)?;
    let members = config.members.max(1);
    let log = std::sync::Mutex::new(Vec::new());
    let say = |who: &str, s: String| {
        eprintln!("{who}{s}");
        log.lock().map(|mut l| l.push(format!("{who}{s}"))).ok();
    };
    // (1) Jack-knifed tags of each member (all members' taggers in parallel).
    let mut sets: Vec<MemberData> = (0..members as u64)
        .into_par_iter()
        .map(|k| {
            member_data(&tr, &dv, &full_tagger, seed + k, &|s| {
                say(&format!("member {}: ", k + 1), s)
            })
        })
        .collect::<Result<_>>()?;
    // (2) Guides.
    let guide = if config.guided {
        let (folds, full) = train_guides(
            &sets[0],
            seed,
            config.lite,
            config.guide_members.max(1),
            &|s| say("guide: ", s),
        )?;
        for set in &mut sets {
            set.data.par_iter_mut().enumerate().for_each(|(i, s)| {
                s.ctx.set_guide(&folds[i % GUIDE_FOLDS]);
            });
        }
        // Dev is tagged alike for every member: its guide trees once.
        let (first, rest) = sets.split_at_mut(1);
        first[0]
            .dev
            .par_iter_mut()
            .for_each(|s| s.ctx.set_guide(&full));
        for set in rest {
            for (s, g) in set.dev.iter_mut().zip(&first[0].dev) {
                s.ctx.g.clone_from(&g.ctx.g);
            }
        }
        Some(full)
    } else {
        None
    };
    // (3) Members, summed in member order (deterministic for a seed).
    let mut parsers: Vec<Parser> = sets
        .into_par_iter()
        .enumerate()
        .map(|(k, set)| {
            parser::train(
                &set.data.iter().collect::<Vec<_>>(),
                &set.dev,
                set.labels,
                PARSER_EPOCHS,
                seed + k as u64,
                config.lite,
                &mut |s| say(&format!("member {}: ", k + 1), s),
            )
        })
        .collect();
    let mut main = parsers.remove(0);
    main.add_ensemble(&parsers.iter().collect::<Vec<_>>())?;
    drop(parsers);
    let mut p = Parsers { main, guide };
    p.prune(config.prune, config.guide_prune);
    let bytes = write_parser(&p, out)?;
    let model = Model::assemble(full_tagger, lemmatizer, p);
    let dev_scores = evaluate_sentences(&model, &dv);
    say("", format!("dev: {dev_scores}"));
    let log = log.into_inner().unwrap_or_default();
    Ok(Report::finished(log, start, dev_scores, out, bytes))
}

/// One ensemble member's training and dev items and the label list.
struct MemberData {
    data: Vec<TrainSent>,
    dev: Vec<TrainSent>,
    labels: Vec<String>,
}

/// The same training item read backwards (for the right-to-left guide).
fn reversed_item(s: &TrainSent) -> TrainSent {
    let (heads, labels) = parser::reverse_tree(&s.heads, &s.labels);
    TrainSent {
        ctx: s.ctx.reversed(),
        heads,
        labels,
    }
}

/// Trains the right-to-left guide parsers on `set`: one per fold of
/// [`GUIDE_FOLDS`] (trained on the other folds) and one on all the data,
/// each the sum of `members` parsers with different seeds (member 1 has
/// the seed a single guide had); all trained in parallel, summed in order.
fn train_guides(
    set: &MemberData,
    seed: u64,
    lite: bool,
    members: usize,
    say: &(dyn Fn(String) + Sync),
) -> Result<(Vec<Parser>, Parser)> {
    let data: Vec<TrainSent> = set.data.iter().map(reversed_item).collect();
    let dev: Vec<TrainSent> = set.dev.iter().map(reversed_item).collect();
    let jobs: Vec<(usize, usize)> = (0..=GUIDE_FOLDS)
        .flat_map(|f| (0..members).map(move |m| (f, m)))
        .collect();
    let mut trained: Vec<Parser> = jobs
        .into_par_iter()
        .map(|(f, m)| {
            // f == GUIDE_FOLDS: the full guide.
            let part: Vec<&TrainSent> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| f == GUIDE_FOLDS || i % GUIDE_FOLDS != f)
                .map(|(_, s)| s)
                .collect();
            let mut name = if f == GUIDE_FOLDS {
                "all".to_string()
            } else {
                format!("fold {}", f + 1)
            };
            if members > 1 {
                name = format!("{name}, member {}", m + 1);
            }
            // Member 0 keeps the single guide's seed.
            let s = seed ^ (6 + f as u64) ^ ((m as u64) << 8);
            parser::train(
                &part,
                &dev,
                set.labels.clone(),
                GUIDE_EPOCHS,
                s,
                lite,
                &mut |s| say(format!("{name}: {s}")),
            )
        })
        .collect();
    // Sum each fold's members (in member order).
    let mut guides = Vec::with_capacity(GUIDE_FOLDS + 1);
    while !trained.is_empty() {
        let rest: Vec<Parser> = trained.split_off(members);
        let mut g = trained.remove(0);
        g.add_ensemble(&trained.iter().collect::<Vec<_>>())?;
        guides.push(g);
        trained = rest;
    }
    let full = guides.pop().expect("full guide");
    Ok((guides, full))
}

/// Tags the training split with jack-knifed taggers (seeded by `seed`) and
/// builds one member's parser training and dev items.
fn member_data(
    tr: &[Sentence],
    dv: &[Sentence],
    full_tagger: &Tagger,
    seed: u64,
    logf: &(dyn Fn(String) + Sync),
) -> Result<MemberData> {
    // Jack-knifed tags: each fold is tagged by a tagger trained on the others.
    let mut pred_tags: Vec<Vec<(u64, u64)>> = vec![Vec::new(); tr.len()];
    let folds: Vec<_> = (0..JACKKNIFE_FOLDS)
        .into_par_iter()
        .map(|fold| {
            let rest: Vec<Sentence> = tr
                .iter()
                .enumerate()
                .filter(|(i, _)| i % JACKKNIFE_FOLDS != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let t = tagger::train(
                &rest,
                full_tagger.clusters.clone(),
                TAGGER_EPOCHS,
                TAGGER_FOLDS,
                seed ^ (fold as u64 + 1),
                &mut |_| {},
            );
            let mut ok = 0usize;
            let mut n = 0usize;
            let mut out = Vec::new();
            for (i, s) in tr
                .iter()
                .enumerate()
                .filter(|(i, _)| i % JACKKNIFE_FOLDS == fold)
            {
                let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
                let (tags, hashes) = tag_keys(&t, &words);
                for (tok, &tg) in s.tokens.iter().zip(&tags) {
                    n += 1;
                    ok += (t.tags[tg as usize].0 == tok.upos) as usize;
                }
                out.push((i, hashes));
            }
            (ok, n, out)
        })
        .collect();
    for (fold, (ok, n, out)) in folds.into_iter().enumerate() {
        for (i, h) in out {
            pred_tags[i] = h;
        }
        logf(format!(
            "jack-knife fold {}: UPOS {:.2}%",
            fold + 1,
            100.0 * ok as f64 / n.max(1) as f64
        ));
    }
    let mut labels: Vec<String> = Vec::new();
    let cls = &full_tagger.clusters;
    let (data, nonproj) = parser_data(tr, &pred_tags, cls, &mut labels, true)?;
    // Dev sentences with the full tagger's predicted tags, for choosing the epoch.
    let dev_tags: Vec<Vec<(u64, u64)>> = dv
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
            tag_keys(full_tagger, &words).1
        })
        .collect();
    let (dev_data, _) = parser_data(dv, &dev_tags, cls, &mut labels, false)?;
    logf(format!(
        "{} training sentences ({} projectivised), {} labels",
        data.len(),
        nonproj,
        labels.len()
    ));
    Ok(MemberData {
        data,
        dev: dev_data,
        labels,
    })
}

/// Converts gold sentences and predicted tag hashes into parser training
/// items; new labels are added to `labels` only when `grow` is set (sentences
/// with unknown labels are skipped otherwise). Returns the items and how many
/// trees were projectivised.
/// Unlabelled text for word clusters: the NGEC synthetic stories shipped in
/// the repository (`data/eval/`), train split only; `DYAD_CLUSTER_TEXT`
/// overrides the path.
const CLUSTER_TEXT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/eval/ngec-synthetic-events.csv.gz"
);
/// Words need this many occurrences to get a cluster.
pub const CLUSTER_MIN_COUNT: u32 = 3;
/// Context words used for the distributional vectors.
pub const CLUSTER_CONTEXTS: usize = 800;

/// NGEC split rule (`data/eval/README.md`): SHA-256 of the text, first 8
/// bytes big-endian, modulo 100; below 60 is the train split.
fn ngec_train_split(text: &str) -> bool {
    use sha2::Digest;
    let d = sha2::Sha256::digest(text.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_be_bytes(b) % 100 < 60
}

/// Learns word clusters from the treebank's training text plus the NGEC
/// stories (train split) when the file is available.
fn learn_clusters(
    train: &[Sentence],
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<clusters::Clusters> {
    let start = Instant::now();
    if std::env::var("DYAD_NO_CLUSTERS").is_ok() {
        log("word clusters disabled (DYAD_NO_CLUSTERS)".into());
        return Ok(clusters::Clusters::default());
    }
    let mut sents: Vec<Vec<String>> = train
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.form.to_lowercase()).collect())
        .collect();
    let path = std::env::var("DYAD_CLUSTER_TEXT").unwrap_or_else(|_| CLUSTER_TEXT.to_string());
    let mut stories = 0usize;
    match std::fs::read(&path) {
        Ok(gz) => {
            let raw = gunzip(&gz).with_context(|| format!("decompressing {path}"))?;
            let mut rd = csv::Reader::from_reader(raw.as_slice());
            let col = rd
                .headers()?
                .iter()
                .position(|h| h == "text")
                .context("no text column")?;
            for rec in rd.records() {
                let rec = rec?;
                let text = rec.get(col).unwrap_or("");
                if !ngec_train_split(text) {
                    continue;
                }
                stories += 1;
                for line in text.lines() {
                    let mut toks = Vec::new();
                    clusters::tokenize(line, &mut toks);
                    if !toks.is_empty() {
                        sents.push(toks);
                    }
                }
            }
        }
        Err(e) => log(format!(
            "cluster text {path} not read ({e}); treebank text only"
        )),
    }
    let n_tok: usize = sents.iter().map(|s| s.len()).sum();
    let c = clusters::train(&sents, CLUSTER_MIN_COUNT, CLUSTER_CONTEXTS, seed);
    log(format!(
        "word clusters: {} words from {n_tok} tokens ({stories} stories), {:.1}s",
        c.len(),
        start.elapsed().as_secs_f64()
    ));
    Ok(c)
}

/// The word clusters stored in a tagger model file.
pub fn model_clusters(tagger_path: &Path) -> Result<clusters::Clusters> {
    Ok(read_tagger(&std::fs::read(tagger_path)?)?.0.clusters)
}

/// Copies trained models with weights below the thresholds removed (smaller
/// files; `guide_min` for the guide parser, if any); returns the new file
/// sizes in bytes.
pub fn prune_models(
    tagger_in: &Path,
    parser_in: &Path,
    out_dir: &Path,
    tagger_min: i32,
    parser_min: i32,
    guide_min: i32,
) -> Result<(u64, u64)> {
    let (mut t, l) = read_tagger(&std::fs::read(tagger_in)?)?;
    let mut p = read_parser(&std::fs::read(parser_in)?)?;
    t.prune(tagger_min);
    p.prune(parser_min, guide_min);
    let a = write_tagger(&t, &l, &out_dir.join("tagger.bin.gz"))?;
    let b = write_parser(&p, &out_dir.join("parser.bin.gz"))?;
    Ok((a, b))
}

fn parser_data(
    sents: &[Sentence],
    tags: &[Vec<(u64, u64)>],
    clusters: &clusters::Clusters,
    labels: &mut Vec<String>,
    grow: bool,
) -> Result<(Vec<TrainSent>, usize)> {
    let mut data = Vec::with_capacity(sents.len());
    let mut nonproj = 0usize;
    'sent: for (s, tags) in sents.iter().zip(tags) {
        let mut heads = vec![0usize];
        let mut lab = vec![0u8];
        for t in &s.tokens {
            heads.push(t.head);
            let ix = match labels.iter().position(|l| *l == t.deprel) {
                Some(i) => i,
                None if grow => {
                    labels.push(t.deprel.clone());
                    labels.len() - 1
                }
                None => continue 'sent,
            };
            lab.push(ix as u8);
        }
        if labels.len() > 64 {
            bail!("too many dependency labels ({})", labels.len());
        }
        if heads.iter().skip(1).filter(|&&h| h == 0).count() != 1 {
            continue;
        }
        let orig = heads.clone();
        if grow {
            parser::projectivize(&mut heads);
        }
        if heads != orig {
            nonproj += 1;
        }
        let ctx = Context::new(
            s.tokens.iter().map(|t| {
                let wi = WordInfo::with_clusters(&t.form, clusters);
                (wi.lower, wi.suf[2], wi.cl)
            }),
            tags.iter().copied(),
        );
        data.push(TrainSent {
            ctx,
            heads,
            labels: lab,
        });
    }
    Ok((data, nonproj))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(bytes).expect("gzip in memory");
        e.finish().expect("gzip in memory")
    }

    #[test]
    fn model_files_of_another_format_version_are_refused_by_name() {
        for (old, what) in [("DYADTAG1", "tagger"), ("DYADPAR2", "parser")] {
            let read = |b: &[u8]| match what {
                "tagger" => read_tagger(&gz(b)).map(|_| ()),
                _ => read_parser(&gz(b)).map(|_| ()),
            };
            let err = read(format!("{old}\0\0\0\0").as_bytes()).expect_err("refused");
            let msg = format!("{err:#}");
            assert!(msg.contains(old) && msg.contains("retrain"), "{msg}");
            assert!(msg.contains(&format!("dyad train {what}")), "{msg}");
            let err = read(b"something else").expect_err("refused");
            assert!(format!("{err:#}").contains(&format!("not a dyad {what} model")));
        }
    }

    #[test]
    fn a_parser_ensemble_needs_one_label_set() {
        let m = Model::load_default().expect("embedded model loads");
        let mut p = read_parser(PARSER_BYTES).expect("parser loads");
        let mut other = read_parser(PARSER_BYTES).expect("parser loads").main;
        other.labels.pop();
        let err = p.main.add_ensemble(&[&other]).expect_err("refused");
        assert!(format!("{err:#}").contains("label"));
        // Summing a parser with itself doubles every score: same parses.
        let twin = read_parser(PARSER_BYTES).expect("parser loads").main;
        p.main.add_ensemble(&[&twin]).expect("same labels");
        let words = [
            "Lecornu", "hosted", "a", "ceremony", "for", "Dong", "in", "Paris", ".",
        ];
        let (t, l) = read_tagger(TAGGER_BYTES).expect("tagger loads");
        let doubled = Model::assemble(t, l, p);
        assert_eq!(doubled.parse(&words).head, m.parse(&words).head);
    }

    #[test]
    fn guide_and_feature_set_survive_a_round_trip() {
        let words = ["France", "and", "China", "signed", "an", "agreement", "."];
        let variants = [(false, None), (false, Some(false)), (true, Some(true))];
        for (lite, guide) in variants {
            let mut p = read_parser(PARSER_BYTES).expect("parser loads");
            p.main.lite = lite;
            p.guide = guide.map(|g_lite| {
                let mut g = read_parser(PARSER_BYTES).expect("parser loads").main;
                g.lite = g_lite;
                g
            });
            let bytes = parser_bytes(&p);
            let back = read_parser(&gz(&bytes)).expect("reads back");
            assert_eq!(back.main.lite, lite);
            assert_eq!(back.guide.as_ref().map(|g| g.lite), guide);
            assert_eq!(parser_bytes(&back), bytes);
            // Every variant parses into one tree over the words.
            let (t, l) = read_tagger(TAGGER_BYTES).expect("tagger loads");
            let parsed = Model::assemble(t, l, back).parse(&words);
            assert_eq!(parsed.len(), words.len());
            assert_eq!(parsed.head.iter().filter(|&&h| h == 0).count(), 1);
        }
        // A lite guide without a guide, or unknown bits, are refused.
        for flag in [2u8, 8] {
            // (Without its guide, the flag byte is the file's last.)
            let mut unguided = read_parser(PARSER_BYTES).expect("parser loads");
            unguided.guide = None;
            let mut bad = parser_bytes(&unguided);
            *bad.last_mut().expect("flag byte") = flag;
            let err = read_parser(&gz(&bad)).map(|_| ()).expect_err("refused");
            assert!(format!("{err:#}").contains("guide flag"));
        }
    }
}
