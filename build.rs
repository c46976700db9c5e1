//! Writes `style.css` without comments and runs of whitespace into OUT_DIR: the stylesheet is
//! embedded in the Wasm every viewer downloads, and its comments are for us, not for them.

use std::{env, fs, path::Path};

fn main() {
    let source = "src/web/style.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).unwrap_or_else(|error| panic!("{source}: {error}"));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("style.min.css");
    fs::write(&out, tighten(&minify(&css))).unwrap_or_else(|error| panic!("{}: {error}", out.display()));
}

/// What else never changes the meaning of this stylesheet (it has no strings holding these):
/// the last `;` of a block, the quotes of an attribute selector's value that is an identifier
/// (`[part~="buy"]` is `[part~=buy]`), the space after `:` in a media or container condition
/// and around `>`, and the zero before a decimal point (`0.55` is `.55`).
fn tighten(css: &str) -> String {
    let css = css.replace(";}", "}").replace(": ", ":").replace(" > ", ">").replace("(> ", "(>");
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"=\"") {
            let value = &css[i + 2..];
            let end = value.find('"').unwrap_or(0);
            let identifier = end > 0
                && value.as_bytes()[0].is_ascii_alphabetic()
                && value[..end].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if identifier && value[end + 1..].starts_with(']') {
                out.push('=');
                out.push_str(&value[..end]);
                i += 2 + end + 1;
                continue;
            }
        }
        let after_separator = i > 0 && matches!(bytes[i - 1], b':' | b' ' | b',' | b'(');
        if after_separator && bytes[i..].starts_with(b"0.") && bytes.get(i + 2).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let c = css[i..].chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8();
    }
    out
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
