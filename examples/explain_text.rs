//! Prints the cleaner's decision for every line of a text file (or stdin).
//!
//! ```text
//! cargo run --release --example explain_text -- page.txt
//! ```

use std::io::Read;

use newsprep::boilerplate::Cleaner;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(p) => text = std::fs::read_to_string(p)?,
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    for d in Cleaner::new().explain(&text) {
        let t: String = d.text(&text).chars().take(100).collect();
        let mark = if d.kept { '+' } else { '-' };
        println!("{mark} {:4} {:15} {:.2} {t}", d.line, d.reason, d.score);
    }
    Ok(())
}
