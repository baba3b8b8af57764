//! Codes a text file and prints the document object: `cargo run -p dyad-code --example code_text -- FILE [DATE] [SOURCE]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("readable file");
    let input = dyad_code::InputDoc {
        text,
        published: args.get(2).cloned(),
        source: args.get(3).cloned(),
        ..Default::default()
    };
    let kb = dyad_kb::Kb::embedded();
    match dyad_code::code_document(&input, kb) {
        Ok(d) => println!("{}", serde_json::to_string_pretty(&d).unwrap()),
        Err(e) => eprintln!("error: {e}"),
    }
}
