//! `shoppable-check FILE...`: validate timeline documents with exactly the rules the player uses.
//!
//! Prints `FILE: PATH: MESSAGE` for each problem, or `FILE: ok (N products, M hotspots)`.
//! Exit status: 0 when every file is valid, 1 when some timeline has problems, 2 when a file
//! cannot be read or is not JSON (or the command line is wrong). `-` reads standard input.
//! Native only (feature "cli"): the player itself never links serde_json.

use shoppable_video::core::validate::timeline_from_value;
use shoppable_video::core::value::Value;
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str =
    "usage: shoppable-check FILE...   (validate shoppable-video timeline JSON files; - for stdin)";

/// The outcome of one file, ordered by how bad it is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Valid = 0,
    Invalid = 1,
    Unreadable = 2,
}

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if files.iter().any(|f| f == "-h" || f == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let worst = files
        .iter()
        .map(|f| check(f))
        .max()
        .unwrap_or(Outcome::Valid);
    ExitCode::from(worst as u8)
}

fn check(file: &str) -> Outcome {
    let text = match read(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: cannot read: {e}");
            return Outcome::Unreadable;
        }
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            // serde_json's message ends with "at line L column C".
            eprintln!("{file}: invalid JSON: {e}");
            return Outcome::Unreadable;
        }
    };
    match timeline_from_value(&value) {
        Ok(t) => {
            println!(
                "{file}: ok ({} products, {} hotspots)",
                t.products.len(),
                t.hotspots.len()
            );
            Outcome::Valid
        }
        Err(problems) => {
            for p in &problems {
                println!("{file}: {p}");
            }
            Outcome::Invalid
        }
    }
}

fn read(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}
