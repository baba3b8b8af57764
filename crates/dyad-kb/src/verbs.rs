//! The CAMEO verb-pattern dictionary (PETRARCH format): verb synonym blocks,
//! inflected forms, and patterns ("- * TALKS [046:046]") that refine a verb's
//! code by the words around it, including light-verb noun triggers.

use crate::KbError;

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
}

#[derive(Debug, Default)]
pub struct VerbDict {}

impl VerbDict {
    pub fn load_embedded() -> Result<Self, KbError> {
        Ok(VerbDict::default())
    }

    /// Finds all triggers in a sentence given lowercase token norms.
    pub fn find_triggers(&self, toks: &[&str]) -> Vec<TriggerMatch> {
        let _ = toks;
        Vec::new()
    }
}
