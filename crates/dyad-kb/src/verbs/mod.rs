//! The CAMEO verb-pattern dictionary (PETRARCH format): verb synonym blocks,
//! inflected forms, and patterns ("- * TALKS [046:046]") that refine a verb's
//! code by the words around it, including light-verb noun triggers.
//!
//! The embedded dictionary is PETRARCH's `CAMEO.2.0.txt` followed by dyad's
//! supplement `dyad.verbs.txt` (same format; its patterns join the blocks of
//! the same name). Users can load their own files with [`VerbDict::from_file`],
//! [`VerbDict::load_file`] (which sees the synonym sets already loaded) and
//! [`VerbDict::merge`].

mod inflect;
mod matcher;
mod parse;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::actors::FxHasher;

/// Hash map and set with the fast word hasher.
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;
use std::path::Path;
use std::sync::Arc;

use crate::KbError;

pub use inflect::{gerund, past, plural, regular_forms, third_person};

const CAMEO_VERBS: &str = include_str!("../../../../data/kb/cameo/CAMEO.2.0.txt");
const DYAD_VERBS: &str = include_str!("../../../../data/kb/cameo/dyad.verbs.txt");

/// A trigger found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerMatch {
    /// Token index of the verb (or of the trigger noun for noun-only entries).
    pub head: usize,
    /// All token indices the pattern matched (verb, particles, object nouns…), sorted.
    pub tokens: Vec<usize>,
    /// CAMEO code for actor → recipient ("042").
    pub code: String,
    /// CAMEO code for the reverse direction where the pattern gives one ("043").
    pub reverse_code: Option<String>,
    /// Token index where the pattern's target slot (`+`) matched, if any.
    pub target_tok: Option<usize>,
    /// Token index where the pattern's source slot (`$`) matched, if any.
    pub source_tok: Option<usize>,
    /// Verb block name ("HOLD") and the pattern text, for the record's `coder`.
    pub block: String,
    pub pattern: String,
    /// Lemma of the verb that triggered ("hold", "ask for").
    pub lemma: String,
    /// Number of pattern words matched besides the verb (0: verb default code).
    pub specificity: usize,
    /// True for patterns coded `[:xxx]`: the event runs from the other party
    /// to the verb's subject ("appeared in court" → court → subject, 173).
    pub roles_reversed: bool,
}

/// A dictionary code `[a:b]`; both `None` for `[---]` (no event).
#[derive(Debug, Clone, Default, PartialEq)]
struct Code {
    code: Option<String>,
    reverse: Option<String>,
}

impl Code {
    fn is_none(&self) -> bool {
        self.code.is_none() && self.reverse.is_none()
    }
}

/// Alternative token sequences a pattern unit can match.
type Alts = Arc<[Box<[Box<str>]>]>;

#[derive(Debug)]
enum Elem {
    /// A word or `&SET` (one part), or a `{multi word}` unit: parts matched
    /// on consecutive tokens, each by one of its alternatives.
    Unit(Box<[Alts]>),
    /// `(PREP words…)`: first element is the preposition. Patterns are
    /// flattened when loaded: the words take the group's place, followed by
    /// an empty `Group` that closes the phrase and matches no token.
    Group(Vec<Elem>),
    /// `+`
    Target,
    /// `$`
    Source,
    /// `^`: allows a longer gap before the next element.
    Skip,
    /// `%`: compound actor marker (no token of its own).
    Compound,
}

#[derive(Debug)]
struct Pattern {
    pre: Vec<Elem>,
    post: Vec<Elem>,
    code: Code,
    text: String,
    /// First tokens of the first unit: the pattern can only match when one
    /// of them is in the sentence.
    anchor: Vec<Box<str>>,
    block: usize,
    /// Load order of the dictionary text it came from: on equal
    /// specificity a later dictionary's pattern wins.
    source: usize,
}

#[derive(Debug)]
struct Block {
    name: String,
    code: Code,
    patterns: Vec<Pattern>,
}

#[derive(Debug)]
struct Verb {
    lemma: String,
    block: usize,
    /// The verb line's own `[code]`, overriding the block's.
    code: Option<Code>,
}

/// One inflected form: its first token is the key in `VerbDict::forms`.
#[derive(Debug)]
struct FormRef {
    verb: usize,
    rest: Box<[Box<str>]>,
}

#[derive(Debug, Default)]
pub struct VerbDict {
    synsets: FxMap<String, Alts>,
    blocks: Vec<Block>,
    block_index: HashMap<String, usize>,
    verbs: Vec<Verb>,
    forms: FxMap<Box<str>, Vec<FormRef>>,
    warnings: Vec<String>,
    /// Number of texts loaded so far.
    loads: usize,
    /// Tokens of the `&PROPER_NOUNS` synonym set: pattern words allowed to
    /// match a capitalised token in cased matching.
    proper: FxSet<Box<str>>,
}

/// Name of the synonym set listing pattern words that are proper nouns or
/// acronyms (see [`VerbDict::find_triggers_cased`]).
const PROPER_SET: &str = "PROPER_NOUNS";

impl VerbDict {
    /// CAMEO.2.0.txt followed by dyad's supplement.
    pub fn load_embedded() -> Result<Self, KbError> {
        let mut d = VerbDict::default();
        d.load_str(CAMEO_VERBS, "CAMEO.2.0.txt")?;
        d.load_str(DYAD_VERBS, "dyad.verbs.txt")?;
        Ok(d)
    }

    /// Parses PETRARCH-format dictionary text on its own.
    pub fn parse(text: &str, file: &str) -> Result<Self, KbError> {
        let mut d = VerbDict::default();
        d.load_str(text, file)?;
        Ok(d)
    }

    /// Reads a PETRARCH-format verb dictionary file on its own (it must
    /// define the synonym sets it uses; see [`VerbDict::load_file`]).
    pub fn from_file(path: &Path) -> Result<Self, KbError> {
        let mut d = VerbDict::default();
        d.load_file(path)?;
        Ok(d)
    }

    /// Reads a file into this dictionary: it may use the synonym sets and
    /// extend the blocks already loaded.
    pub fn load_file(&mut self, path: &Path) -> Result<(), KbError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| KbError::Io {
            file: file.clone(),
            source,
        })?;
        self.load_str(&text, &file)
    }

    /// Adds another dictionary's synonym sets, verbs and patterns. Blocks with
    /// the same name are joined (patterns appended after this one's; the
    /// other dictionary's header code becomes the block's default code).
    pub fn merge(&mut self, other: VerbDict) {
        for (k, v) in other.synsets {
            self.synsets.entry(k).or_insert(v);
        }
        let mut block_map = Vec::with_capacity(other.blocks.len());
        for b in other.blocks {
            let idx = match self.block_index.get(&b.name) {
                Some(&i) => {
                    self.blocks[i].code = b.code;
                    i
                }
                None => {
                    self.blocks.push(Block {
                        name: b.name.clone(),
                        code: b.code,
                        patterns: Vec::new(),
                    });
                    self.block_index.insert(b.name, self.blocks.len() - 1);
                    self.blocks.len() - 1
                }
            };
            block_map.push((idx, b.patterns));
        }
        let mut target_of = Vec::with_capacity(block_map.len());
        for (idx, pats) in block_map {
            target_of.push(idx);
            for mut p in pats {
                p.block = idx;
                p.source += self.loads;
                self.blocks[idx].patterns.push(p);
            }
        }
        self.warnings.extend(other.warnings);
        self.loads += other.loads;
        self.refresh_proper();
        let verb_base = self.verbs.len();
        for mut v in other.verbs {
            v.block = target_of[v.block];
            self.verbs.push(v);
        }
        for (k, refs) in other.forms {
            let e = self.forms.entry(k).or_default();
            for mut r in refs {
                r.verb += verb_base;
                e.push(r);
            }
        }
    }

    /// Problems that did not stop loading (patterns naming an undefined
    /// synonym set are skipped, as PETRARCH does).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Number of verb blocks, verbs, patterns and distinct first tokens of forms.
    pub fn stats(&self) -> (usize, usize, usize, usize) {
        let pats = self.blocks.iter().map(|b| b.patterns.len()).sum();
        (self.blocks.len(), self.verbs.len(), pats, self.forms.len())
    }

    /// True if `form` (lowercase; words separated by spaces) is an inflected
    /// form of a dictionary verb ("held", "asked for").
    pub fn is_verb_form(&self, form: &str) -> bool {
        self.lookup(form).next().is_some()
    }

    /// Whether `word` is the first word of some dictionary verb form, one
    /// word ("held") or more ("turned" of "turned down").
    pub fn starts_verb_form(&self, word: &str) -> bool {
        self.forms.contains_key(word)
    }

    /// Lemma of the dictionary verb `form` belongs to ("held" → "hold").
    pub fn lemma_of<'a>(&'a self, form: &'a str) -> Option<&'a str> {
        self.lookup(form).next().map(|v| v.lemma.as_str())
    }

    /// Names of the verb blocks `form` belongs to ("held" → ["CONFINE"]).
    pub fn blocks_of<'a>(&'a self, form: &'a str) -> Vec<&'a str> {
        let mut v: Vec<&str> = self
            .lookup(form)
            .map(|v| self.blocks[v.block].name.as_str())
            .collect();
        v.dedup();
        v
    }

    /// The code a verb form gets without any pattern (verb's own code, else
    /// its block's); `None` when the form is unknown or coded `[---]`.
    pub fn default_code(&self, form: &str) -> Option<(String, Option<String>)> {
        self.lookup(form).find_map(|v| {
            let c = self.verb_code(v);
            c.code.clone().map(|c0| (c0, c.reverse.clone()))
        })
    }

    fn verb_code<'a>(&'a self, v: &'a Verb) -> &'a Code {
        v.code.as_ref().unwrap_or(&self.blocks[v.block].code)
    }

    fn lookup<'a>(&'a self, form: &'a str) -> impl Iterator<Item = &'a Verb> + 'a {
        let mut words = form.split_whitespace();
        let first = words.next().unwrap_or("");
        let rest: Vec<&str> = words.collect();
        self.forms
            .get(first)
            .into_iter()
            .flatten()
            .filter(move |r| {
                r.rest.len() == rest.len() && r.rest.iter().zip(&rest).all(|(a, b)| &**a == *b)
            })
            .map(|r| &self.verbs[r.verb])
    }

    /// Finds all triggers in a sentence given lowercase token norms.
    pub fn find_triggers(&self, toks: &[&str]) -> Vec<TriggerMatch> {
        matcher::find_triggers(self, toks, None)
    }

    /// Like [`VerbDict::find_triggers`], told which tokens start with an
    /// uppercase letter (`caps[i]`; a shorter slice counts as false for the
    /// rest). A capitalised token that is not sentence-initial (position 0
    /// or after an opening quote, bracket, colon or dash) is read as part of
    /// a name: it is never a trigger's head, and a pattern word matches it
    /// only when the word is in the `&PROPER_NOUNS` set (institutions,
    /// titles, acronyms), so `&CURRENCY` no longer matches "Dong" or "Rand".
    /// In headline-style sentences (most longer words capitalised) the
    /// capitals carry no information and are ignored.
    pub fn find_triggers_cased(&self, toks: &[&str], caps: &[bool]) -> Vec<TriggerMatch> {
        matcher::find_triggers(self, toks, Some(caps))
    }

    /// Rebuilds the set of proper-noun pattern words from `&PROPER_NOUNS`.
    fn refresh_proper(&mut self) {
        self.proper = self
            .synsets
            .get(PROPER_SET)
            .map(|alts| alts.iter().flat_map(|a| a.iter().cloned()).collect())
            .unwrap_or_default();
    }
}

#[cfg(test)]
mod tests;
