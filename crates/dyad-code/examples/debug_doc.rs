//! Prints every layer of the pipeline for a text file (mentions, triggers), for debugging rules.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("readable file");
    let input = dyad_code::InputDoc {
        text,
        published: args.get(2).cloned(),
        ..Default::default()
    };
    let kb = dyad_kb::Kb::embedded();
    let d = dyad_code::analyse(&input, kb).expect("codable");
    for (s, sent) in d.sentences.iter().enumerate() {
        println!("\n[{s}] {}", d.slice(sent.span));
        let norms = sent.norms();
        for m in d.mentions.iter().filter(|m| m.sent == s) {
            println!("  M {:?} {:?} c={:?} sec={:?} name={:?} mod={} appos={:?} ent={:?} refers={:?} how={}", m.kind, d.slice(m.span), m.country, m.sectors, m.name, m.modifier, m.appos_of, m.entity, m.refers, m.how);
        }
        for t in sent.triggers(d.text, kb) {
            println!(
                "  T {} {:?} code={} rev={:?} {} | {}",
                norms[t.head],
                t.tokens.iter().map(|&i| norms[i]).collect::<Vec<_>>(),
                t.code,
                t.reverse_code,
                t.block,
                t.pattern
            );
        }
        // The tree the coder used (stand-in words for names), if parsed.
        if let Some(sx) = &sent.parse {
            for l in dyad_parse::to_conllu(&sx.tree).lines() {
                if !l.starts_with('#') && !l.is_empty() {
                    let f: Vec<&str> = l.split('\t').collect();
                    println!("  P {}", f[..8.min(f.len())].join(" "));
                }
            }
        }
        for dm in &d.dates[s] {
            println!("  D {:?} {} {:?}", d.slice(dm.span), dm.date, dm.precision);
        }
    }
}
