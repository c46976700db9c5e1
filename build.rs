//! Writes `style.css` without comments and runs of whitespace into OUT_DIR: the stylesheet is
//! embedded in the Wasm every viewer downloads, and its comments are for us, not for them.

use std::{env, fs, path::Path};

fn main() {
    let source = "src/web/style.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).unwrap_or_else(|error| panic!("{source}: {error}"));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("style.min.css");
    fs::write(&out, minify(&css)).unwrap_or_else(|error| panic!("{}: {error}", out.display()));
}

/// Drops `/* … */` comments, folds whitespace runs into one space, and drops the space around
/// `{`, `}` and `;`, after `,`, and after the colon of a declaration (`{name: ` or `;name: `),
/// where it never matters. Other spaces can be significant (descendant selectors,
/// `calc(a + b)`), so they stay. The stylesheet has no strings containing these.
fn minify(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
        without_comments.push(' ');
    }
    without_comments.push_str(rest);
    let mut out = String::with_capacity(without_comments.len());
    for word in without_comments.split_whitespace() {
        let joins = out.ends_with(['{', '}', ';', ',']) || word.starts_with(['{', '}', ';']) || ends_declaration_name(&out);
        if !out.is_empty() && !joins {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `css` ends with a declaration's name and colon, right after `{` or `;`.
fn ends_declaration_name(css: &str) -> bool {
    let Some(name) = css.strip_suffix(':') else { return false };
    let start = name.trim_end_matches(|c: char| c.is_ascii_lowercase() || c == '-' || c == '_');
    start.len() < name.len() && start.ends_with(['{', ';'])
}
