//! Every finding of the fuzz target (`fuzz/`, docs/FUZZING.md), kept as a test: the input and the
//! promise it broke.
#![cfg(not(target_arch = "wasm32"))]

use shoppable_video::core::json::{self, Keep, Options};
use shoppable_video::core::validate::{self, Problem};

fn options() -> Options<'static> {
    Options::text(&json::std_number)
}

/// Found by the first run (a JSON Schema cut short in a string): the harness compared the
/// problems of an `upsertProducts` list read with a path prefix against problems read without
/// one. The reader's error belongs under the list's prefix, joined like any path.
#[test]
fn a_reader_error_in_a_list_is_reported_under_the_lists_prefix() {
    let text = "{\"$defs\": {\"hotspot\": {\"description\": \"cut sh";
    let whole = json::read(text, Keep::All, &options()).map_err(Problem::from);
    let whole = whole.err().unwrap_or_else(|| panic!("an unterminated string"));
    assert_eq!(whole.path, "$defs.hotspot.description");
    let listed = validate::products_from_text(text, &options(), "list");
    assert_eq!(
        listed,
        Err(vec![Problem { path: "list.$defs.hotspot.description".into(), message: whole.message.clone() }])
    );
    let at_root = validate::products_from_text(text, &options(), "");
    assert_eq!(at_root, Err(vec![whole]));
    let indexed = validate::products_from_text("[1, tru]", &options(), "list");
    assert_eq!(indexed.map_err(|p| p[0].path.clone()), Err("list[1]".to_owned()));
}
