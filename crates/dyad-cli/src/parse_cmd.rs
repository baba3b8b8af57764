//! `dyad parse`, `dyad eval-parser` and `dyad train`: the tagger and
//! dependency parser from the command line (see crates/dyad-parse).

use std::io::{self, Read, Write};
use std::path::PathBuf;

use crate::CliError;

#[derive(clap::Args)]
pub struct ParseArgs {
    /// A plain-text file, or `-` (default) for stdin.
    #[arg(default_value = "-")]
    pub path: String,
}

#[derive(clap::Args)]
pub struct EvalParserArgs {
    /// A CoNLL-U file (plain or .gz) with gold tokens, tags and trees.
    pub file: PathBuf,
    /// Score the tagger.bin.gz / parser.bin.gz in this folder (e.g. one
    /// written by `dyad train --out DIR`) instead of the embedded models.
    #[arg(long)]
    pub models: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum TrainWhat {
    Tagger,
    Parser,
    All,
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// What to train (the parser uses the tagger model in --out).
    #[arg(value_enum)]
    pub what: TrainWhat,
    /// Folder with en_ewt-ud-{train,dev}.conllu.gz.
    #[arg(long, default_value = "../shared/data/ud-english-ewt")]
    pub data: PathBuf,
    /// Folder to write tagger.bin.gz / parser.bin.gz to.
    #[arg(long, default_value = "models")]
    pub out: PathBuf,
    /// Random seed (training is deterministic for a given seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Parser configuration: `shipped` (a right-to-left guide's tree guides
    /// the parser, both with the smaller feature set, two of each summed),
    /// `ensemble` (the parser shipped before: four summed, no guide;
    /// fastest), `guided` (one full guided parser, about half the speed),
    /// `guided-lite` (one lite guided parser); figures in
    /// crates/dyad-parse/README.md.
    #[arg(long, default_value = "shipped",
          value_parser = clap::builder::PossibleValuesParser::new(
              dyad_parse::ParserConfig::NAMED.map(|(name, _)| name)))]
    pub config: String,
}

fn fail(e: impl std::fmt::Display) -> CliError {
    CliError::Io(io::Error::other(e.to_string()))
}

/// Prints CoNLL-U for every sentence of the input text, tokenised as the coder does.
pub fn parse(a: ParseArgs) -> Result<bool, CliError> {
    let text = if a.path == "-" {
        let mut s = String::new();
        io::stdin().read_to_string(&mut s).map_err(CliError::Io)?;
        s
    } else {
        std::fs::read_to_string(&a.path).map_err(|e| fail(format!("{}: {e}", a.path)))?
    };
    let out = io::stdout();
    let mut out = out.lock();
    for (i, span) in dyad_text::split_sentences(&text).into_iter().enumerate() {
        let toks = dyad_text::tokenize(&text, span);
        if toks.is_empty() {
            continue;
        }
        let words: Vec<&str> = toks.iter().map(|t| t.span.text(&text)).collect();
        let parsed = dyad_parse::parse(&words);
        let one_line = span.text(&text).replace('\n', " ");
        write!(out, "# sent_id = {}\n# text = {one_line}\n", i + 1).map_err(CliError::Io)?;
        out.write_all(dyad_parse::to_conllu(&parsed).as_bytes())
            .map_err(CliError::Io)?;
    }
    Ok(true)
}

/// Scores the shipped model (or the models in `--models`) on a CoNLL-U file.
pub fn eval_parser(a: EvalParserArgs) -> Result<bool, CliError> {
    let loaded;
    let model = match &a.models {
        Some(d) => {
            loaded = dyad_parse::Model::load_dir(d)
                .map_err(|e| fail(format!("{}: {e:#}", d.display())))?;
            &loaded
        }
        None => dyad_parse::default_model().map_err(fail)?,
    };
    let s = dyad_parse::evaluate(model, &a.file)
        .map_err(|e| fail(format!("{}: {e}", a.file.display())))?;
    println!("sentences {}", s.sentences);
    println!("tokens    {}", s.tokens);
    println!("UPOS      {:.2}", s.upos);
    println!("XPOS      {:.2}", s.xpos);
    println!("lemma     {:.2}", s.lemma);
    println!("UAS       {:.2}", s.uas);
    println!("LAS       {:.2}  (main relation, before ':')", s.las);
    Ok(true)
}

/// Retrains the shipped models from the treebank.
pub fn train(a: TrainArgs) -> Result<bool, CliError> {
    let train = a.data.join("en_ewt-ud-train.conllu.gz");
    let dev = a.data.join("en_ewt-ud-dev.conllu.gz");
    std::fs::create_dir_all(&a.out).map_err(CliError::Io)?;
    let tagger = a.out.join("tagger.bin.gz");
    let parser = a.out.join("parser.bin.gz");
    if matches!(a.what, TrainWhat::Tagger | TrainWhat::All) {
        let r = dyad_parse::train_tagger(&train, &dev, &tagger, a.seed).map_err(fail)?;
        println!(
            "tagger: {:.0} s, {} bytes, dev UPOS {:.2} XPOS {:.2}",
            r.seconds, r.model_bytes, r.dev.upos, r.dev.xpos
        );
    }
    if matches!(a.what, TrainWhat::Parser | TrainWhat::All) {
        let config = dyad_parse::ParserConfig::named(&a.config)
            .ok_or_else(|| fail(format!("unknown parser configuration {:?}", a.config)))?;
        let r = dyad_parse::train_parser(&train, &dev, &tagger, &parser, a.seed, config)
            .map_err(fail)?;
        println!(
            "parser: {:.0} s, {} bytes, dev UAS {:.2} LAS {:.2}",
            r.seconds, r.model_bytes, r.dev.uas, r.dev.las
        );
    }
    Ok(true)
}
