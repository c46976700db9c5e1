//! The `shoppable-check` command: what it prints and how it exits (0 valid, 1 problems,
//! 2 unreadable or not JSON). Built only with the "cli" feature.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shoppable-check"))
        .args(args)
        .output()
        .expect("the checker runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch file that is removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, contents: &str) -> Scratch {
        let path =
            std::env::temp_dir().join(format!("shoppable-check-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).expect("write a scratch file");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_valid_timeline_is_ok_and_exits_0() {
    let file = fixture("valid/contract-example.json");
    let out = run(&[&file]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!("{}: ok (1 products, 2 hotspots)\n", file.display())
    );
}

#[test]
fn each_problem_is_printed_as_file_path_message_and_exits_1() {
    let file = Scratch::new(
        "problems.json",
        r#"{"version":1,"products":[{"id":"p"}],"hotspots":[{"id":"h","product":"q","start":5,"end":2,"x":0,"y":0}]}"#,
    );
    let out = run(&[&file.0]);
    assert_eq!(out.status.code(), Some(1));
    let name = file.0.display();
    assert_eq!(
        text(&out.stdout),
        format!(
            "{name}: hotspots[0].product: unknown product \"q\"\n{name}: hotspots[0].end: end (2) must be greater than start (5)\n"
        )
    );
}

#[test]
fn a_problem_with_the_whole_document_has_no_path() {
    let out = run(&[&fixture("invalid/not-an-object.schema-too.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).ends_with(".json: the timeline must be an object, got an array\n"));
}

#[test]
fn bad_json_exits_2_with_its_line_and_column() {
    let file = Scratch::new("bad.json", "{\n  \"version\": 1,\n  \"products\": [,]\n}\n");
    let out = run(&[&file.0]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let name = file.0.display();
    assert_eq!(err, format!("{name}: invalid JSON: products[0]: unexpected character ',' at line 3, column 16\n"));
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = run(&[Path::new("/nonexistent/timeline.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/timeline.json: cannot read"));
}

#[test]
fn no_file_is_a_usage_error_exiting_2() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("usage: shoppable-check FILE..."));
}

#[test]
fn every_file_is_checked_and_the_worst_outcome_decides_the_exit() {
    let valid = fixture("valid/minimal.json");
    let invalid = fixture("invalid/version-2.schema-too.json");
    let out = run(&[&valid, &invalid]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("minimal.json: ok (0 products, 0 hotspots)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("version-2.schema-too.json: version: unsupported version 2"),
        "{stdout}"
    );

    let out = run(&[&invalid, Path::new("/nonexistent.json"), &valid]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("minimal.json: ok"));
}

#[test]
fn every_fixture_gets_the_verdict_of_its_folder() {
    for (folder, code) in [("valid", 0), ("invalid", 1)] {
        let files: Vec<PathBuf> = std::fs::read_dir(fixture(folder))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .collect();
        let args: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{folder}: {}",
            text(&out.stdout)
        );
    }
}

#[test]
fn a_dash_reads_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_shoppable-check"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the checker runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(br#"{"version":1}"#)
        .expect("write");
    let out = child.wait_with_output().expect("the checker ends");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "-: ok (0 products, 0 hotspots)\n");
}
