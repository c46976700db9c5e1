//! The rules of CONTRACT.md section 3: a loose [`Value`] in, a [`Timeline`] (or hotspots, or
//! products) out, or every problem at once, each with the JSON path where it is
//! (`hotspots[3].end`) and a message a front-end engineer understands at a glance.
//!
//! This runs in the player on data from outside, so it never panics and never trusts a type;
//! it is also the only gate: the model types downstream assume what is checked here.
//! Paths are only rendered to strings when there is a problem, so a good timeline of 100,000
//! hotspots is read without building 100,000 path strings. Unknown fields are ignored (and
//! not checked, not even for length: they are not kept).

use super::clock::{is_program_time, Clock};
use super::json::{self, Items, Keep, Options};
use super::timeline::{
    Easing, Hotspot, Keyframe, Motion, Point, Product, Timeline, MAX_HOTSPOTS, MAX_PROBLEMS,
    MAX_PRODUCTS, MAX_STRING_CHARS,
};
use super::table::{hash_str, Table};
use super::value::Value;
use std::fmt;

/// One rule violation: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// A JSON path in the contract's form (`products[0].id`); empty for the document itself.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl From<json::Error> for Problem {
    /// A text that could not be read is one problem: at the path of the value it broke off in,
    /// saying what is wrong and, for text someone wrote, where (`... at line 3, column 7`).
    fn from(error: json::Error) -> Problem {
        Problem { message: error.to_string(), path: error.path }
    }
}

// ---- what the reader builds ----
//
// The fields this module reads (CONTRACT.md sections 3 and 4), as filters for `core::json::read`:
// everything else in a document is checked for syntax only and never built. A field of the
// wrong kind is still built (a composite one empty), so its problem is reported as it would be
// without the filter.

const SCALAR: Keep = Keep::Scalar;

const KEYFRAME: Keep = Keep::Members(&[("t", SCALAR), ("x", SCALAR), ("y", SCALAR)]);

const HOTSPOT: Keep = Keep::Members(&[
    ("id", SCALAR),
    ("product", SCALAR),
    ("start", SCALAR),
    ("end", SCALAR),
    ("clock", SCALAR),
    ("x", SCALAR),
    ("y", SCALAR),
    ("keyframes", Keep::Items(&Items { each: KEYFRAME, most: usize::MAX, noun: "keyframes" })),
    ("easing", SCALAR),
    ("label", SCALAR),
]);

const PRODUCT: Keep = Keep::Members(&[
    ("id", SCALAR),
    ("title", SCALAR),
    ("price", SCALAR),
    ("currency", SCALAR),
    ("url", SCALAR),
    ("image", SCALAR),
    ("sku", SCALAR),
    ("brand", SCALAR),
    ("variant", SCALAR),
    ("description", SCALAR),
    ("originalPrice", SCALAR),
    ("available", SCALAR),
]);

/// An `addHotspots` list: at most `MAX_HOTSPOTS`, the next one stops the read.
pub const HOTSPOT_LIST: Keep = Keep::Items(&Items { each: HOTSPOT, most: MAX_HOTSPOTS, noun: "hotspots" });

/// An `upsertProducts` list: at most `MAX_PRODUCTS`, the next one stops the read.
pub const PRODUCT_LIST: Keep = Keep::Items(&Items { each: PRODUCT, most: MAX_PRODUCTS, noun: "products" });

/// A timeline document.
pub const TIMELINE: Keep = Keep::Members(&[
    ("version", SCALAR),
    ("currency", SCALAR),
    ("clock", SCALAR),
    ("products", PRODUCT_LIST),
    ("hotspots", HOTSPOT_LIST),
]);

/// The JSON object of a metadata cue: a hotspot's fields.
pub const CUE: Keep = HOTSPOT;

/// Read and validate a timeline document's text: a text that cannot be read is one problem.
pub fn timeline_from_text(text: &str, options: &Options) -> Result<Timeline, Vec<Problem>> {
    let value = json::read(text, TIMELINE, options).map_err(|e| vec![Problem::from(e)])?;
    timeline_from_value(&value)
}

/// Read and validate an `addHotspots` list (see [`hotspots_from_value`]).
pub fn hotspots_from_text(
    text: &str,
    options: &Options,
    path_prefix: &str,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Result<Vec<Hotspot>, Vec<Problem>> {
    hotspots_in_clock_from_text(text, options, path_prefix, Clock::Media, product_exists, id_taken)
}

/// `hotspots_from_text` for hotspots whose times are in `clock` unless they name their own
/// (the timeline's clock, for `addHotspots`).
pub fn hotspots_in_clock_from_text(
    text: &str,
    options: &Options,
    path_prefix: &str,
    clock: Clock,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Result<Vec<Hotspot>, Vec<Problem>> {
    let value = json::read(text, HOTSPOT_LIST, options).map_err(|e| vec![prefixed(e, path_prefix)])?;
    hotspots_in_clock_from_value(&value, path_prefix, clock, product_exists, id_taken)
}

/// Read and validate an `upsertProducts` list (see [`products_from_value`]).
pub fn products_from_text(text: &str, options: &Options, path_prefix: &str) -> Result<Vec<Product>, Vec<Problem>> {
    let value = json::read(text, PRODUCT_LIST, options).map_err(|e| vec![prefixed(e, path_prefix)])?;
    products_from_value(&value, path_prefix)
}

/// Read and validate a metadata cue's text (see [`hotspot_from_cue`]); a text that cannot be
/// read is one problem under `path`.
pub fn hotspot_from_cue_text(
    text: &str,
    options: &Options,
    cue: Cue,
    path: &str,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Result<Hotspot, Vec<Problem>> {
    let value = json::read(text, CUE, options).map_err(|e| vec![prefixed(e, path)])?;
    hotspot_from_cue(&value, cue, path, product_exists, id_taken)
}

/// A reader's error as a problem, its path put under `prefix` (`cues[4]` + `x` is `cues[4].x`).
fn prefixed(error: json::Error, prefix: &str) -> Problem {
    let mut problem = Problem::from(error);
    if !prefix.is_empty() {
        let joint = if problem.path.is_empty() || problem.path.starts_with('[') { "" } else { "." };
        problem.path = [prefix, joint, &problem.path].concat();
    }
    problem
}

/// Validate a whole timeline document.
pub fn timeline_from_value(v: &Value) -> Result<Timeline, Vec<Problem>> {
    let root = At::root("");
    let mut p = Problems::default();
    if !matches!(v, Value::Object(_)) {
        p.push(
            &root,
            v.got("the timeline must be an object"),
        );
        return Err(p.finish());
    }

    match v.field("version") {
        None => p.push(
            &root.key("version"),
            "version is missing; it must be 1".into(),
        ),
        Some(Value::Number(n)) if *n == 1.0 => {}
        Some(Value::Number(n)) => p.push(
            &root.key("version"),
            format!(
                "unsupported version {}; this player reads version 1",
                num(*n)
            ),
        ),
        Some(other) => p.push(
            &root.key("version"),
            other.got("version must be the number 1"),
        ),
    }
    let currency = currency(&mut p, v, &root, "currency");
    let clock = read_clock(&mut p, v, &root, Clock::Media);

    let products_at = root.key("products");
    let raw_products = list(
        &mut p,
        v.field("products"),
        &products_at,
        "products",
        MAX_PRODUCTS,
    );
    let product_ids = Ids::of(raw_products.unwrap_or_default());
    let (products, all_ids_read) = match raw_products {
        Some(items) => read_products(&mut p, items, &products_at, &product_ids),
        None => (Vec::new(), false),
    };
    // When the product list, or the id of one of its products, cannot be read, "unknown
    // product" on the hotspots that point at it is only noise: the cause is already reported.
    let products_known = all_ids_read;
    let product_exists = |id: &str| !products_known || product_ids.first(id).is_some();

    let hotspots_at = root.key("hotspots");
    let raw_hotspots = list(
        &mut p,
        v.field("hotspots"),
        &hotspots_at,
        "hotspots",
        MAX_HOTSPOTS,
    );
    let hotspots = match raw_hotspots {
        Some(items) => {
            let mut hotspots = read_hotspots(&mut p, items, &hotspots_at, &product_exists, &|_| false);
            apply_clocks(&mut p, items, &hotspots_at, clock, &mut hotspots);
            hotspots
        }
        None => Vec::new(),
    };

    if p.is_empty() {
        Ok(Timeline {
            currency,
            clock,
            products,
            hotspots,
        })
    } else {
        Err(p.finish())
    }
}

/// Validate a list of hotspots added at run time (`addHotspots(list)`). Paths start with
/// `path_prefix` (`""` gives `[2].end`). An id used twice in the list, or for which `id_taken`
/// says yes, is a problem; so is a `product` for which `product_exists` says no.
pub fn hotspots_from_value(
    v: &Value,
    path_prefix: &str,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Result<Vec<Hotspot>, Vec<Problem>> {
    hotspots_in_clock_from_value(v, path_prefix, Clock::Media, product_exists, id_taken)
}

/// `hotspots_from_value` for hotspots whose times are in `clock` unless they name their own
/// (the timeline's clock, for `addHotspots`).
pub fn hotspots_in_clock_from_value(
    v: &Value,
    path_prefix: &str,
    clock: Clock,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Result<Vec<Hotspot>, Vec<Problem>> {
    let at = At::root(path_prefix);
    let mut p = Problems::default();
    let hotspots = match list(&mut p, Some(v), &at, "hotspots", MAX_HOTSPOTS) {
        Some(items) => {
            let mut hotspots = read_hotspots(&mut p, items, &at, product_exists, id_taken);
            apply_clocks(&mut p, items, &at, clock, &mut hotspots);
            hotspots
        }
        None => Vec::new(),
    };
    p.into_result(hotspots)
}

/// Validate a list of products (`upsertProducts(list)`); an id used twice in the list is a
/// problem (replacing a product already known is the point of an upsert, so that is not).
pub fn products_from_value(v: &Value, path_prefix: &str) -> Result<Vec<Product>, Vec<Problem>> {
    let at = At::root(path_prefix);
    let mut p = Problems::default();
    let products = match list(&mut p, Some(v), &at, "products", MAX_PRODUCTS) {
        Some(items) => read_products(&mut p, items, &at, &Ids::of(items)).0,
        None => Vec::new(),
    };
    p.into_result(products)
}

/// The facts a WebVTT cue gives about the hotspot in its text (CONTRACT.md section 4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue<'a> {
    /// Used when the cue's JSON has no `id`: the cue's identifier, or `vtt-N`.
    pub default_id: &'a str,
    pub start: f64,
    pub end: f64,
}

/// Validate the JSON object of one metadata cue. Its `start` and `end` come from the cue (any
/// in the JSON are ignored); its `id` from the JSON, else from the cue. `path` names the cue in
/// problems (e.g. `cues[4]`); the cue's own times are reported at `path.start` / `path.end`.
pub fn hotspot_from_cue(
    v: &Value,
    cue: Cue,
    path: &str,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Result<Hotspot, Vec<Problem>> {
    let at = At::root(path);
    let mut p = Problems::default();
    if !matches!(v, Value::Object(_)) {
        p.push(
            &at,
            v.got("a cue's text must be a JSON object"),
        );
        return Err(p.finish());
    }
    let id = match v.field("id") {
        None => Some(cue.default_id),
        Some(_) => read_id(&mut p, v, &at),
    };
    if let Some(id) = id {
        if id.is_empty() {
            p.push(&at.key("id"), "id must not be empty".into());
        } else if id_taken(id) {
            p.push(
                &at.key("id"),
                format!(
                    "duplicate id {} (already used by another hotspot)",
                    quote(id)
                ),
            );
        }
    }
    let times = Times::Given(cue.start, cue.end);
    let hotspot = read_hotspot(&mut p, v, &at, id, times, product_exists);
    match hotspot {
        Some(h) if p.is_empty() => Ok(h),
        _ => Err(p.finish()),
    }
}

// ---- lists ----

/// The items of a list field, or `None` (with a problem) when it is not a list or is too long.
/// A missing list is an empty one.
fn list<'v>(
    p: &mut Problems,
    v: Option<&'v Value<'v>>,
    at: &At,
    what: &str,
    max: usize,
) -> Option<&'v [Value<'v>]> {
    match v {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::Array(items)) if items.len() > max => {
            p.push(
                at,
                format!("too many {what}: {}; the limit is {max}", items.len()),
            );
            None
        }
        Some(Value::Array(items)) => Some(items),
        Some(other) => {
            p.push(at, format!("{what} must be an array, got {}", other.kind()));
            None
        }
    }
}

/// The valid products, and whether the id of every product could be read. `ids` are the
/// items' ids (`Ids::of(items)`).
fn read_products(p: &mut Problems, items: &[Value], at: &At, ids: &Ids) -> (Vec<Product>, bool) {
    let mut out = Vec::with_capacity(items.len());
    let mut all_ids_read = true;
    for (i, item) in items.iter().enumerate() {
        if p.cut() {
            break;
        }
        let here = at.index(i);
        if !matches!(item, Value::Object(_)) {
            p.push(
                &here,
                item.got("a product must be an object"),
            );
            all_ids_read = false;
            continue;
        }
        let id = read_id(p, item, &here);
        match id {
            Some(id) => check_unique(p, ids, id, i, at, &here),
            None => all_ids_read = false,
        }
        if let Some(product) = read_product(p, item, &here, id) {
            out.push(product);
        }
    }
    (out, all_ids_read)
}

fn read_hotspots(
    p: &mut Problems,
    items: &[Value],
    at: &At,
    product_exists: &dyn Fn(&str) -> bool,
    id_taken: &dyn Fn(&str) -> bool,
) -> Vec<Hotspot> {
    let mut out = Vec::with_capacity(items.len());
    let ids = Ids::of(items);
    for (i, item) in items.iter().enumerate() {
        if p.cut() {
            break;
        }
        let here = at.index(i);
        if !matches!(item, Value::Object(_)) {
            p.push(
                &here,
                item.got("a hotspot must be an object"),
            );
            continue;
        }
        let id = read_id(p, item, &here);
        if let Some(id) = id {
            if id_taken(id) {
                p.push(
                    &here.key("id"),
                    format!(
                        "duplicate id {} (already used by another hotspot)",
                        quote(id)
                    ),
                );
            } else {
                check_unique(p, &ids, id, i, at, &here);
            }
        }
        if let Some(hotspot) = read_hotspot(p, item, &here, id, Times::Fields, product_exists) {
            out.push(hotspot);
        }
    }
    out
}

/// If an item before `i` has its `id`, a problem at this one.
fn check_unique(p: &mut Problems, ids: &Ids, id: &str, i: usize, list_at: &At, here: &At) {
    if let Some(first) = ids.first(id).filter(|&first| first < i) {
        p.push(
            &here.key("id"),
            format!(
                "duplicate id {} (first used at {})",
                quote(id),
                list_at.index(first).render()
            ),
        );
    }
}

/// The first position of each readable id (as `read_id` reads them) in a list's items, in the
/// stage's hash table: linear in the list (sorting 100,000 ids was a third of validation).
struct Ids<'v> {
    ids: Vec<&'v str>,
    table: Table,
}

impl<'v> Ids<'v> {
    fn of(items: &'v [Value]) -> Ids<'v> {
        let ids: Vec<&str> = items
            .iter()
            .map(|item| match item.field("id") {
                Some(Value::String(id)) if !id.is_empty() && !too_long(id) => id.as_ref(),
                _ => "",
            })
            .collect();
        let mut table = Table::with_capacity(ids.len());
        // From the last item back, each id replacing its later twin: the first position stays.
        for (i, &id) in ids.iter().enumerate().rev().filter(|(_, id)| !id.is_empty()) {
            table.set(hash_str(id), i as u32, |other| ids[other as usize] == id, |other| hash_str(ids[other as usize]));
        }
        Ids { ids, table }
    }

    /// The position of the first item with this id.
    fn first(&self, id: &str) -> Option<usize> {
        let found = self.table.find(hash_str(id), |other| self.ids[other as usize] == id)?;
        Some(found as usize)
    }
}

// ---- one item ----

/// The required, non-empty string `id` of an object; `None` (with a problem) otherwise.
fn read_id<'v>(p: &mut Problems, obj: &'v Value, at: &At) -> Option<&'v str> {
    let id = required_string(p, obj, at, "id")?;
    if id.is_empty() {
        p.push(&at.key("id"), "id must not be empty".into());
        return None;
    }
    Some(id)
}

fn read_product(p: &mut Problems, obj: &Value, at: &At, id: Option<&str>) -> Option<Product> {
    let before = p.len();
    let available = match obj.field("available") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            p.push(
                &at.key("available"),
                other.got("expected a boolean"),
            );
            true
        }
    };
    let product = Product {
        id: id.unwrap_or_default().to_owned(),
        title: text(p, obj, at, "title"),
        price: price(p, obj, at, "price"),
        currency: currency(p, obj, at, "currency"),
        url: url(p, obj, at, "url"),
        image: url(p, obj, at, "image"),
        sku: text(p, obj, at, "sku"),
        brand: text(p, obj, at, "brand"),
        variant: text(p, obj, at, "variant"),
        description: text(p, obj, at, "description"),
        original_price: price(p, obj, at, "originalPrice"),
        available,
    };
    (id.is_some() && p.len() == before).then_some(product)
}

/// Where a hotspot's times come from: its own fields, or a cue.
#[derive(Clone, Copy)]
enum Times {
    Fields,
    Given(f64, f64),
}

fn read_hotspot(
    p: &mut Problems,
    obj: &Value,
    at: &At,
    id: Option<&str>,
    times: Times,
    product_exists: &dyn Fn(&str) -> bool,
) -> Option<Hotspot> {
    let before = p.len();

    let product = required_string(p, obj, at, "product");
    match product {
        Some("") => p.push(
            &at.key("product"),
            "product must not be empty: give the id of a product".into(),
        ),
        Some(product) if !product_exists(product) => {
            p.push(
                &at.key("product"),
                format!("unknown product {}", quote(product)),
            );
        }
        _ => {}
    }

    let (start, end) = match times {
        Times::Fields => (
            required_time(p, obj, at, "start"),
            required_time(p, obj, at, "end"),
        ),
        Times::Given(start, end) => (
            check_time(p, &at.key("start"), "start", start),
            check_time(p, &at.key("end"), "end", end),
        ),
    };
    let span = match (start, end) {
        (Some(start), Some(end)) if end <= start => {
            p.push(
                &at.key("end"),
                format!(
                    "end ({}) must be greater than start ({})",
                    num(end),
                    num(start)
                ),
            );
            None
        }
        (Some(start), Some(end)) => Some((start, end)),
        _ => None,
    };

    let motion = read_motion(p, obj, at, span);
    let label = text(p, obj, at, "label");

    if p.len() != before {
        return None;
    }
    let (id, product, (start, end), motion) = (id?, product?, span?, motion?);
    Some(Hotspot {
        id: id.to_owned(),
        product: product.to_owned(),
        start,
        end,
        clock: Clock::Media,
        motion,
        label,
    })
}

/// `x`,`y` or `easing`+`keyframes`, exactly one of the two. `span` is the hotspot's valid
/// `[start, end]`, if it has one, for the range check of keyframe times.
fn read_motion(p: &mut Problems, obj: &Value, at: &At, span: Option<(f64, f64)>) -> Option<Motion> {
    let has_point = obj.field("x").is_some() || obj.field("y").is_some();
    let has_keyframes = obj.field("keyframes").is_some();
    // Read easing whenever it is given, so a typo is reported even on a fixed hotspot.
    let easing = match obj.field("easing") {
        None => Some(Easing::Linear),
        Some(Value::String(name)) => match Easing::from_name(name) {
            Some(e) => Some(e),
            None => {
                p.push(
                    &at.key("easing"),
                    format!(
                        "unknown easing {}; use \"linear\", \"step\" or \"ease-in-out\"",
                        quote(name)
                    ),
                );
                None
            }
        },
        Some(other) => {
            p.push(
                &at.key("easing"),
                other.got("expected a string"),
            );
            None
        }
    };
    match (has_point, has_keyframes) {
        (true, false) => read_point(p, obj, at).map(Motion::Fixed),
        (false, true) => {
            let keyframes = read_keyframes(p, obj, at, span);
            Some(Motion::Keyframes {
                easing: easing?,
                keyframes: keyframes?,
            })
        }
        (false, false) => {
            p.push(
                at,
                "a hotspot needs either x and y (a fixed point) or keyframes".into(),
            );
            None
        }
        (true, true) => {
            p.push(
                at,
                "a hotspot has either x and y or keyframes, not both".into(),
            );
            // Still report bad values, but not a missing partner of a point that should go.
            for name in ["x", "y"] {
                if let Some(v) = obj.field(name) {
                    check_coordinate(p, &at.key(name), name, v);
                }
            }
            read_keyframes(p, obj, at, span);
            None
        }
    }
}

fn read_point(p: &mut Problems, obj: &Value, at: &At) -> Option<Point> {
    let x = coordinate(p, obj, at, "x", "y");
    let y = coordinate(p, obj, at, "y", "x");
    Some(Point { x: x?, y: y? })
}

/// A coordinate in [0, 1]; `other` names its partner for the "missing" message.
fn coordinate(p: &mut Problems, obj: &Value, at: &At, name: &str, other: &str) -> Option<f64> {
    let here = at.key(name);
    match obj.field(name) {
        None => {
            p.push(
                &here,
                format!("{name} is missing ({other} is given; a point needs both)"),
            );
            None
        }
        Some(v) => check_coordinate(p, &here, name, v),
    }
}

fn check_coordinate(p: &mut Problems, at: &At, name: &str, v: &Value) -> Option<f64> {
    let n = number(p, at, name, v)?;
    if !(0.0..=1.0).contains(&n) {
        p.push(
            at,
            format!(
                "{name} must be between 0 and 1 (a fraction of the video frame), got {}",
                num(n)
            ),
        );
        return None;
    }
    Some(n)
}

fn read_keyframes(
    p: &mut Problems,
    obj: &Value,
    at: &At,
    span: Option<(f64, f64)>,
) -> Option<Vec<Keyframe>> {
    let here = at.key("keyframes");
    let items = match obj.field("keyframes") {
        Some(Value::Array(items)) => items,
        Some(other) => {
            p.push(
                &here,
                other.got("keyframes must be an array"),
            );
            return None;
        }
        None => return None,
    };
    if items.is_empty() {
        p.push(
            &here,
            "keyframes must not be empty: give at least one, or use x and y".into(),
        );
        return None;
    }
    let before = p.len();
    let mut out = Vec::with_capacity(items.len());
    // The last valid time, for the order check: a bad `t` is reported once, for itself.
    let mut previous: Option<f64> = None;
    for (i, item) in items.iter().enumerate() {
        if p.cut() {
            return None;
        }
        let kat = here.index(i);
        if !matches!(item, Value::Object(_)) {
            p.push(
                &kat,
                item.got("a keyframe must be an object"),
            );
            continue;
        }
        let tat = kat.key("t");
        let t = match item.field("t") {
            None => {
                p.push(&tat, "t is missing".into());
                None
            }
            Some(v) => number(p, &tat, "t", v).and_then(|t| check_time(p, &tat, "t", t)),
        };
        if let Some(t) = t {
            if let Some(prev) = previous {
                if t <= prev {
                    p.push(
                        &tat,
                        format!(
                            "keyframe times must increase: t ({}) is not after the previous keyframe's t ({})",
                            num(t),
                            num(prev)
                        ),
                    );
                }
            }
            if let Some((start, end)) = span {
                if t < start || t > end {
                    p.push(
                        &tat,
                        format!(
                            "t ({}) is outside the hotspot's time, from start ({}) to end ({})",
                            num(t),
                            num(start),
                            num(end)
                        ),
                    );
                }
            }
            previous = Some(t);
        }
        let x = match item.field("x") {
            None => {
                p.push(&kat.key("x"), "x is missing".into());
                None
            }
            Some(v) => check_coordinate(p, &kat.key("x"), "x", v),
        };
        let y = match item.field("y") {
            None => {
                p.push(&kat.key("y"), "y is missing".into());
                None
            }
            Some(v) => check_coordinate(p, &kat.key("y"), "y", v),
        };
        if let (Some(t), Some(x), Some(y)) = (t, x, y) {
            out.push(Keyframe { t, x, y });
        }
    }
    (p.len() == before && span.is_some()).then_some(out)
}

// ---- fields ----

/// A string that must be there.
fn required_string<'v>(p: &mut Problems, obj: &'v Value, at: &At, name: &str) -> Option<&'v str> {
    let here = at.key(name);
    match obj.field(name) {
        None => {
            p.push(&here, format!("{name} is missing"));
            None
        }
        Some(v) => string(p, &here, v),
    }
}

/// An optional string field, within the length limit.
fn text(p: &mut Problems, obj: &Value, at: &At, name: &str) -> Option<String> {
    let v = obj.field(name)?;
    string(p, &at.key(name), v).map(str::to_owned)
}

fn string<'v>(p: &mut Problems, at: &At, v: &'v Value) -> Option<&'v str> {
    match v {
        Value::String(s) => {
            if too_long(s) {
                p.push(
                    at,
                    format!(
                        "too long: {} characters; the limit is {MAX_STRING_CHARS}",
                        chars(s)
                    ),
                );
                return None;
            }
            Some(s)
        }
        other => {
            p.push(at, other.got("expected a string"));
            None
        }
    }
}

/// More than `MAX_STRING_CHARS` characters. Bytes bound characters from above: count only
/// when the bytes could be too many.
fn too_long(s: &str) -> bool {
    s.len() > MAX_STRING_CHARS && chars(s) > MAX_STRING_CHARS
}

/// The characters of `s`: its bytes that do not continue a UTF-8 sequence (what
/// `s.chars().count()` gives, without its KB of word-at-a-time code).
fn chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// A finite number.
fn number(p: &mut Problems, at: &At, name: &str, v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) if n.is_finite() => Some(*n),
        Value::Number(n) => {
            p.push(
                at,
                format!("{name} must be a finite number, got {}", num(*n)),
            );
            None
        }
        other => {
            p.push(at, other.got("expected a number"));
            None
        }
    }
}

fn required_time(p: &mut Problems, obj: &Value, at: &At, name: &str) -> Option<f64> {
    let here = at.key(name);
    match obj.field(name) {
        None => {
            p.push(&here, format!("{name} is missing (seconds of media time)"));
            None
        }
        Some(v) => number(p, &here, name, v).and_then(|t| check_time(p, &here, name, t)),
    }
}

fn check_time(p: &mut Problems, at: &At, name: &str, t: f64) -> Option<f64> {
    if !t.is_finite() {
        p.push(
            at,
            format!("{name} must be a finite number, got {}", num(t)),
        );
        None
    } else if t < 0.0 {
        p.push(at, format!("{name} must not be negative, got {}", num(t)));
        None
    } else {
        Some(t)
    }
}

fn price(p: &mut Problems, obj: &Value, at: &At, name: &str) -> Option<f64> {
    let here = at.key(name);
    let n = number(p, &here, name, obj.field(name)?)?;
    if n < 0.0 {
        p.push(
            &here,
            format!("{name} must not be negative, got {}", num(n)),
        );
        return None;
    }
    Some(n)
}

fn currency(p: &mut Problems, obj: &Value, at: &At, name: &str) -> Option<String> {
    let here = at.key(name);
    let code = string(p, &here, obj.field(name)?)?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        p.push(
            &here,
            format!(
                "currency must be three capital letters A-Z (ISO 4217, like \"EUR\"), got {}",
                quote(code)
            ),
        );
        return None;
    }
    Some(code.to_owned())
}

fn url(p: &mut Problems, obj: &Value, at: &At, name: &str) -> Option<String> {
    let here = at.key(name);
    let link = string(p, &here, obj.field(name)?)?;
    if let Some(scheme) = disallowed_scheme(link) {
        p.push(
            &here,
            format!(
                "scheme {} is not allowed; use http or https",
                quote(&scheme)
            ),
        );
        return None;
    }
    if carries_credentials(link) {
        p.push(
            &here,
            format!(
                "{name} must not carry a user name or password (the part before '@' in the host), got {}",
                quote(link)
            ),
        );
        return None;
    }
    Some(link.to_owned())
}

/// Whether the browser's URL parser would find a user name or password in `link` (an http(s)
/// or relative link, as [`disallowed_scheme`] lets through): `https://shop.example@evil.example/`
/// goes to evil.example. Read as the WHATWG parser reads it, erring on the side of refusing:
/// after the scheme (any slashes or backslashes), or after two slashes or backslashes that start
/// a relative link, the host part runs to the next `/`, `\`, `?` or `#`; an `@` in it is a
/// user name (even an empty one). An `@` in a path, query or fragment is fine.
pub fn carries_credentials(link: &str) -> bool {
    // The characters the URL parser reads: as in `disallowed_scheme`.
    let chars = || link.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let slash = |c: char| c == '/' || c == '\\';
    let mut scan = chars();
    let has_scheme = scan.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scan.find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))) == Some(':');
    let mut rest = chars();
    if has_scheme {
        rest.find(|&c| c == ':');
    } else if !(rest.next().is_some_and(slash) && rest.next().is_some_and(slash)) {
        return false;
    }
    let mut host = rest.skip_while(|&c| slash(c)).take_while(|&c| !slash(c) && c != '?' && c != '#');
    host.any(|c| c == '@')
}

/// The scheme of `link` (lowercased) if it has one other than http or https. The browser will
/// resolve the link with the WHATWG URL parser, so it is read the same way: leading and
/// trailing C0 controls and spaces are stripped and tabs and newlines anywhere removed first
/// (` javascript:` and `java\tscript:` are `javascript:`). A link without a scheme is relative.
pub fn disallowed_scheme(link: &str) -> Option<String> {
    let mut chars = link
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = String::new();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
        _ => return None,
    }
    for c in chars {
        match c {
            ':' => {
                return (scheme != "http" && scheme != "https").then_some(scheme);
            }
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}

// ---- clocks (CONTRACT.md section 3, "clock": "program") ----

/// The `clock` member of `obj`, else `default`; a problem when it names no clock.
fn read_clock(p: &mut Problems, obj: &Value, at: &At, default: Clock) -> Clock {
    let Some(v) = obj.field("clock") else { return default };
    v.as_str().and_then(Clock::from_name).unwrap_or_else(|| {
        p.push(&at.key("clock"), "clock must be \"media\" or \"program\"".into());
        default
    })
}

/// Reads each hotspot item's clock (its own `clock`, else `default`) and checks that the
/// times of one in program time are plausible epoch seconds; once every item is valid, gives
/// `hotspots` (read from `items`, one per item) their clocks. Times already refused by the
/// other rules (missing, non-finite, negative) are not reported again.
fn apply_clocks(p: &mut Problems, items: &[Value], at: &At, default: Clock, hotspots: &mut [Hotspot]) {
    for (i, item) in items.iter().enumerate() {
        let here = at.index(i);
        if p.cut() || !matches!(item, Value::Object(_)) || read_clock(p, item, &here, default) != Clock::Program {
            continue;
        }
        for name in ["start", "end"] {
            check_program_time(p, item.field(name), &here.key(name), name);
        }
        if let Some(Value::Array(keyframes)) = item.field("keyframes") {
            let kat = here.key("keyframes");
            for (j, keyframe) in keyframes.iter().enumerate() {
                check_program_time(p, keyframe.field("t"), &kat.index(j).key("t"), "t");
            }
        }
    }
    if p.is_empty() && hotspots.len() == items.len() {
        for (hotspot, item) in hotspots.iter_mut().zip(items) {
            hotspot.clock = read_clock(p, item, at, default);
        }
    }
}

fn check_program_time(p: &mut Problems, v: Option<&Value>, at: &At, name: &str) {
    if let Some(&Value::Number(t)) = v {
        if t >= 0.0 && t.is_finite() && !is_program_time(t) {
            p.push(
                at,
                format!(
                    "{name} ({}) is not a program time: in the \"program\" clock, times are seconds since the Unix epoch, from 946684800 (2000-01-01) to 4102444800 (2100-01-01)",
                    num(t)
                ),
            );
        }
    }
}

// ---- paths, problems, wording ----

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

/// A JSON path as a chain on the stack; rendered to a string only for a problem.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    segment: Segment<'a>,
}

impl<'a> At<'a> {
    fn root(prefix: &'a str) -> At<'a> {
        At {
            parent: None,
            segment: Segment::Root(prefix),
        }
    }

    fn key<'b>(&'b self, key: &'b str) -> At<'b> {
        At {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    fn index(&self, i: usize) -> At<'_> {
        At {
            parent: Some(self),
            segment: Segment::Index(i),
        }
    }

    fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
        }
        match self.segment {
            Segment::Root(prefix) => out.push_str(prefix),
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

/// The problems found so far, at most `MAX_PROBLEMS`; `cut` once one more was refused.
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    cut: bool,
}

impl Problems {
    fn push(&mut self, at: &At, message: String) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem {
                path: at.render(),
                message,
            });
        } else {
            self.cut = true;
        }
    }

    fn len(&self) -> usize {
        self.list.len() + usize::from(self.cut)
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// True once the list is full and a further problem was dropped: stop looking.
    fn cut(&self) -> bool {
        self.cut
    }

    fn finish(mut self) -> Vec<Problem> {
        if self.cut {
            self.list.push(Problem {
                path: String::new(),
                message: format!(
                    "too many problems: only the first {MAX_PROBLEMS} are listed; fix them and validate again"
                ),
            });
        }
        self.list
    }

    fn into_result<T>(self, value: T) -> Result<T, Vec<Problem>> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.finish())
        }
    }
}

/// A number as JavaScript prints it (`2`, `6.5`, `NaN`, `Infinity`).
fn num(n: f64) -> String {
    super::number::to_js_string(n)
}

/// A user's string quoted for a message, shortened so a huge value cannot flood the message,
/// with quotes, backslashes and control characters escaped (no `{:?}`: its tables cost Wasm size).
fn quote(s: &str) -> String {
    const SHOWN: usize = 60;
    let mut out = String::with_capacity(s.len().min(4 * SHOWN) + 2);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == SHOWN {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                out.push_str("\\u");
                let code = c as u32;
                for shift in [12, 8, 4, 0] {
                    let digit = (code >> shift) & 0xf;
                    out.push(char::from_digit(digit, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn json(text: &str) -> Value<'static> {
        match Value::from_json(text) {
            Ok(v) => v,
            Err(e) => panic!("bad test JSON: {e}"),
        }
    }

    fn problems(text: &str) -> Vec<Problem> {
        match timeline_from_value(&json(text)) {
            Ok(t) => panic!("expected problems, got {t:?}"),
            Err(p) => p,
        }
    }

    const GOOD: &str = r#"{
      "version": 1, "currency": "CNY",
      "products": [{ "id": "vase-01", "title": "Cloisonne vase", "price": 1280,
                     "url": "https://shop.example/vase-01", "originalPrice": 1580, "available": true }],
      "hotspots": [
        { "id": "h1", "product": "vase-01", "start": 2.0, "end": 6.5, "x": 0.42, "y": 0.61 },
        { "id": "h2", "product": "vase-01", "start": 7.0, "end": 9.0, "easing": "step",
          "keyframes": [{ "t": 7.0, "x": 0.1, "y": 0.5 }, { "t": 9.0, "x": 0.8, "y": 0.4 }],
          "label": "Follow the vase" }
      ]
    }"#;

    #[test]
    fn the_contract_example_is_valid() {
        let t = match timeline_from_value(&json(GOOD)) {
            Ok(t) => t,
            Err(p) => panic!("{p:?}"),
        };
        assert_eq!(t.currency.as_deref(), Some("CNY"));
        assert_eq!(t.products[0].original_price, Some(1580.0));
        assert_eq!(
            t.hotspots[0].motion,
            Motion::Fixed(Point { x: 0.42, y: 0.61 })
        );
        match &t.hotspots[1].motion {
            Motion::Keyframes { easing, keyframes } => {
                assert_eq!(*easing, Easing::Step);
                assert_eq!(keyframes.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(t.hotspots[1].label.as_deref(), Some("Follow the vase"));
    }

    #[test]
    fn paths_render_in_the_contract_form() {
        let root = At::root("");
        let h = root.key("hotspots");
        let h1 = h.index(1);
        let k = h1.key("keyframes");
        let k2 = k.index(2);
        assert_eq!(k2.key("t").render(), "hotspots[1].keyframes[2].t");
        let list = At::root("");
        assert_eq!(list.index(2).key("end").render(), "[2].end");
        let prefixed = At::root("cues[3]");
        assert_eq!(prefixed.key("start").render(), "cues[3].start");
    }

    #[test]
    fn end_must_be_after_start() {
        let p = problems(
            r#"{"version":1,"products":[{"id":"p"}],
                "hotspots":[{"id":"h","product":"p","start":5,"end":2,"x":0,"y":0}]}"#,
        );
        assert_eq!(
            p,
            vec![Problem {
                path: "hotspots[0].end".into(),
                message: "end (2) must be greater than start (5)".into()
            }]
        );
    }

    #[test]
    fn schemes_are_read_like_the_browser_reads_them() {
        assert_eq!(disallowed_scheme("https://a"), None);
        assert_eq!(disallowed_scheme("HTTP://a"), None);
        assert_eq!(disallowed_scheme("img/a.jpg"), None);
        assert_eq!(disallowed_scheme("/a"), None);
        assert_eq!(disallowed_scheme("//cdn.x/a"), None);
        assert_eq!(disallowed_scheme("?q=a:b"), None);
        assert_eq!(disallowed_scheme("a/b:c"), None);
        assert_eq!(disallowed_scheme(""), None);
        assert_eq!(
            disallowed_scheme(" javascript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            disallowed_scheme("java\tscript:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            disallowed_scheme("\u{1}\nJaVa\rScRiPt:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            disallowed_scheme("data:image/png;base64,").as_deref(),
            Some("data")
        );
        assert_eq!(disallowed_scheme("C:/x").as_deref(), Some("c"));
        assert_eq!(disallowed_scheme("ht\ttps://a"), None);
    }

    #[test]
    fn credentials_are_found_where_the_browser_finds_them() {
        for (link, carries) in [
            ("https://shop.example@evil.example/", true),
            ("https://u:p@x.example/a", true),
            ("//u@cdn.example/a.jpg", true),
            ("\\\\u@cdn.example/", true),
            ("https:/\\u@x/", true),
            ("http://u@", true),
            ("ht\ttps://u@x", true),
            ("https://x.example/a@2x.png", false),
            ("https://x.example?a@b", false),
            ("https://x.example#a@b", false),
            ("img/a@2x.png", false),
            ("a@b.example", false),
            ("/u@x", false),
            ("", false),
        ] {
            assert_eq!(carries_credentials(link), carries, "{link:?}");
        }
    }

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(num(2.0), "2");
        assert_eq!(num(6.5), "6.5");
        assert_eq!(num(f64::NAN), "NaN");
        assert_eq!(num(f64::NEG_INFINITY), "-Infinity");
    }

    #[test]
    fn quoted_values_are_escaped() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("java\tscript"), r#""java\tscript""#);
        assert_eq!(quote("\u{1}\u{9f}"), r#""\u0001\u009f""#);
        assert_eq!(quote("vase-02"), r#""vase-02""#);
    }

    #[test]
    fn quoted_values_are_shortened() {
        assert_eq!(quote("h1"), "\"h1\"");
        let long = "é".repeat(100);
        let q = quote(&long);
        assert_eq!(q.chars().count(), 60 + 3);
        assert!(q.ends_with("…\""));
    }

    #[test]
    fn problems_stop_at_the_cap_and_say_so() {
        let mut p = Problems::default();
        let at = At::root("");
        for i in 0..MAX_PROBLEMS + 5 {
            p.push(&at, i.to_string());
        }
        assert!(p.cut());
        let list = p.finish();
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert!(list[MAX_PROBLEMS].message.contains("too many problems"));
    }

    #[test]
    fn exactly_the_cap_is_not_cut() {
        let mut p = Problems::default();
        let at = At::root("");
        for i in 0..MAX_PROBLEMS {
            p.push(&at, i.to_string());
        }
        assert_eq!(p.finish().len(), MAX_PROBLEMS);
    }

    #[test]
    fn a_problem_displays_as_path_then_message() {
        let p = Problem {
            path: "version".into(),
            message: "m".into(),
        };
        assert_eq!(p.to_string(), "version: m");
        let root = Problem {
            path: String::new(),
            message: "m".into(),
        };
        assert_eq!(root.to_string(), "m");
    }

    #[test]
    fn a_cue_takes_its_times_from_outside_and_its_id_from_the_json_or_the_cue() {
        let v = json(r#"{"product":"p","x":0.5,"y":0.5,"start":100}"#);
        let cue = Cue {
            default_id: "vtt-1",
            start: 1.0,
            end: 2.0,
        };
        let h = match hotspot_from_cue(&v, cue, "cues[0]", &|id| id == "p", &|_| false) {
            Ok(h) => h,
            Err(p) => panic!("{p:?}"),
        };
        assert_eq!((h.id.as_str(), h.start, h.end), ("vtt-1", 1.0, 2.0));

        let v = json(r#"{"id":"mine","product":"p","x":0.5,"y":0.5}"#);
        let h = hotspot_from_cue(&v, cue, "cues[0]", &|_| true, &|_| false);
        assert_eq!(h.map(|h| h.id), Ok("mine".to_string()));
    }

    #[test]
    fn a_cue_with_bad_times_or_a_taken_id_is_refused() {
        let v = json(r#"{"product":"p","x":0.5,"y":0.5}"#);
        let cue = Cue {
            default_id: "c",
            start: 3.0,
            end: 3.0,
        };
        let p = hotspot_from_cue(&v, cue, "cues[2]", &|_| true, &|id| id == "c");
        let p = p.err().unwrap_or_default();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].path, "cues[2].id");
        assert!(p[0].message.contains("duplicate id \"c\""));
        assert_eq!(p[1].path, "cues[2].end");
    }

    #[test]
    fn a_cue_text_must_be_an_object() {
        let cue = Cue {
            default_id: "c",
            start: 0.0,
            end: 1.0,
        };
        let p = hotspot_from_cue(&Value::Array(vec![]), cue, "cues[0]", &|_| true, &|_| false);
        let p = p.err().unwrap_or_default();
        assert_eq!(p[0].path, "cues[0]");
        assert!(p[0].message.contains("must be a JSON object, got an array"));
    }
}
