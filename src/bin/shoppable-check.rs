//! `shoppable-check FILE...`: validate timeline documents with exactly the rules the player uses.
//!
//! Prints `FILE: PATH: MESSAGE` for each problem, or `FILE: ok (N products, M hotspots)`.
//! Exit status: 0 when every file is valid, 1 when some timeline has problems, 2 when a file
//! cannot be read or is not JSON (or the command line is wrong). `-` reads standard input.
//!
//! The text is read by `core::json`, the player's own reader, with the player's filter: the
//! checker and the player agree on every input, down to the last bit of every number (numbers
//! the reader's exact fast path declines go to `str::parse`, correctly rounded, where the player
//! uses the browser's `parseFloat`, also correctly rounded). Native only (feature "cli").

use shoppable_video::core::json::{self, ErrorKind, Options};
use shoppable_video::core::validate::{timeline_from_value, Problem, TIMELINE};
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
        Err(Unreadable::Io(e)) => {
            eprintln!("{file}: cannot read: {e}");
            return Outcome::Unreadable;
        }
        Err(Unreadable::TooLarge(e)) => {
            eprintln!("{file}: {e}");
            return Outcome::Unreadable;
        }
    };
    let value = match json::read(&text, TIMELINE, &Options::text(&json::std_number)) {
        Ok(value) => value,
        // A list over its limit is a timeline problem, found while reading.
        Err(e) if e.kind == ErrorKind::TooMany => {
            println!("{file}: {}", Problem::from(e));
            return Outcome::Invalid;
        }
        Err(e) => {
            let problem = Problem::from(e);
            eprintln!("{file}: invalid JSON: {problem}");
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

enum Unreadable {
    Io(std::io::Error),
    TooLarge(json::Error),
}

/// The file's text; one over the player's size limit is refused before it is read (a file by
/// its size, standard input once it has read one byte too many).
fn read(file: &str) -> Result<String, Unreadable> {
    let limit = json::MAX_DOCUMENT_BYTES as u64 + 1;
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().take(limit).read_to_string(&mut text)
    } else {
        let f = std::fs::File::open(file).map_err(Unreadable::Io)?;
        let size = f.metadata().map_err(Unreadable::Io)?.len();
        json::check_size(usize::try_from(size).unwrap_or(usize::MAX)).map_err(Unreadable::TooLarge)?;
        f.take(limit).read_to_string(&mut text)
    };
    read.map_err(Unreadable::Io)?;
    json::check_size(text.len()).map_err(Unreadable::TooLarge)?;
    Ok(text)
}
