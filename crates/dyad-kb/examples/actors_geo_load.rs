//! Measures the load time of the embedded actor dictionaries and gazetteer
//! and the matching speed: `cargo run --release -p dyad-kb --example actors_geo_load`.

use std::time::Instant;

use dyad_kb::actors::ActorDict;
use dyad_kb::geo::Gazetteer;

fn main() {
    if std::env::args().any(|a| a == "--geo-only") {
        let g = Gazetteer::load_embedded().expect("gazetteer loads");
        println!("{} cities", g.cities.len());
        return;
    }
    if std::env::args().any(|a| a == "--actors-only") {
        let d = ActorDict::load_embedded().expect("actors load");
        println!("{} entries", d.entries.len());
        return;
    }
    let t = Instant::now();
    let dict = ActorDict::load_embedded().expect("actors load");
    let t_actors = t.elapsed();
    let t = Instant::now();
    let geo = Gazetteer::load_embedded().expect("gazetteer loads");
    let t_geo = t.elapsed();
    println!(
        "actors: {} entries, {} phrases, {} skipped lines, {:.1} ms",
        dict.entries.len(),
        dict.phrase_count(),
        dict.warnings.len(),
        t_actors.as_secs_f64() * 1e3
    );
    for w in dict.warnings.iter().take(10) {
        println!("  warning: {w}");
    }
    println!(
        "gazetteer: {} countries, {} cities, {:.1} ms",
        geo.countries.len(),
        geo.cities.len(),
        t_geo.as_secs_f64() * 1e3
    );
    if std::env::args().any(|a| a == "--load-only") {
        return;
    }
    let sent = "the chinese defense minister met french president emmanuel macron and nato officials in paris on monday as american warplanes and seoul metropolitan police watched";
    let toks: Vec<&str> = sent.split(' ').collect();
    let n = 20_000;
    let t = Instant::now();
    let mut found = 0;
    for _ in 0..n {
        found += dict.match_phrases(&toks).len();
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "match_phrases: {:.2} µs per {}-token sentence ({} matches)",
        dt * 1e6 / n as f64,
        toks.len(),
        found / n
    );
}
