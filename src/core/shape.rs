//! The model back in the contract's shape (CONTRACT.md section 3), as JSON text: what the
//! element's `timeline` getter hands to the browser's `JSON.parse`. Writing text here and
//! parsing it there was measured about twice as fast as building the object one JS call per
//! field.
//!
//! Members come in the contract's order; an absent optional stays absent, `available` is
//! written only when it is false (the default is true), `clock` only when it is `program` (the
//! default is `media`), and a hotspot's own `clock` only when it differs from the timeline's. Reading the text back and validating it
//! gives the same model (tests/validation.rs checks it on generated timelines).

use super::json::{list, Object, SlowNumber};
use super::timeline::{Clock, Easing, Hotspot, Keyframe, Motion, Point, Product};

/// The timeline `{version, clock, currency, products, hotspots}` as JSON text.
pub fn timeline_json<'h>(
    clock: Clock,
    currency: Option<&str>,
    products: &[Product],
    hotspots: impl IntoIterator<Item = &'h Hotspot>,
    slow_number: SlowNumber,
) -> String {
    let mut out = String::new();
    let mut o = Object::open(&mut out, slow_number);
    o.number("version", 1.0);
    if clock != Clock::Media {
        o.text("clock", Some(clock.name()));
    }
    o.text("currency", currency);
    o.key("products");
    list(o.out(), products, |out, product| write_product(out, product, slow_number));
    o.key("hotspots");
    list(o.out(), hotspots, |out, hotspot| write_hotspot(out, hotspot, clock, slow_number));
    o.close();
    out
}

fn write_product(out: &mut String, p: &Product, slow_number: SlowNumber) {
    let mut o = Object::open(out, slow_number);
    o.text("id", Some(&p.id));
    o.text("title", p.title.as_deref());
    o.optional_number("price", p.price);
    o.text("currency", p.currency.as_deref());
    o.text("url", p.url.as_deref());
    o.text("image", p.image.as_deref());
    o.text("sku", p.sku.as_deref());
    o.text("brand", p.brand.as_deref());
    o.text("variant", p.variant.as_deref());
    o.text("description", p.description.as_deref());
    o.optional_number("originalPrice", p.original_price);
    if !p.available {
        o.boolean("available", false);
    }
    o.close();
}

fn write_hotspot(out: &mut String, h: &Hotspot, timeline_clock: Clock, slow_number: SlowNumber) {
    let mut o = Object::open(out, slow_number);
    o.text("id", Some(&h.id));
    o.text("product", Some(&h.product));
    o.number("start", h.start);
    o.number("end", h.end);
    if h.clock != timeline_clock {
        o.text("clock", Some(h.clock.name()));
    }
    match &h.motion {
        Motion::Fixed(Point { x, y }) => {
            o.number("x", *x);
            o.number("y", *y);
        }
        Motion::Keyframes { easing, keyframes } => {
            o.text("easing", Some(Easing::name(*easing)));
            o.key("keyframes");
            list(o.out(), keyframes, |out, k: &Keyframe| {
                let mut o = Object::open(out, slow_number);
                o.number("t", k.t);
                o.number("x", k.x);
                o.number("y", k.y);
                o.close();
            });
        }
    }
    o.text("label", h.label.as_deref());
    o.close();
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::json::parse;
    use crate::core::value::Value;

    fn rust_number(out: &mut String, n: f64) {
        out.push_str(&n.to_string());
    }

    fn product_json(p: &Product) -> String {
        let mut out = String::new();
        write_product(&mut out, p, &rust_number);
        out
    }

    #[test]
    fn a_product_is_written_without_its_absent_optionals() {
        let mut p = Product::with_id("vase-01");
        p.original_price = Some(1580.0);
        assert_eq!(product_json(&p), r#"{"id":"vase-01","originalPrice":1580}"#);
        p.available = false;
        p.title = Some("Vase \"blue\"".into());
        assert_eq!(product_json(&p), r#"{"id":"vase-01","title":"Vase \"blue\"","originalPrice":1580,"available":false}"#);
    }

    #[test]
    fn a_hotspot_is_written_with_either_a_point_or_keyframes() {
        let fixed = Hotspot {
            id: "h1".into(),
            product: "p".into(),
            start: 1.0,
            end: 2.5,
            clock: Clock::Media,
            motion: Motion::Fixed(Point { x: 0.5, y: 0.25 }),
            label: None,
        };
        let moving = Hotspot {
            motion: Motion::Keyframes { easing: Easing::Step, keyframes: vec![Keyframe { t: 1.0, x: 0.0, y: 1.0 }] },
            label: Some("Follow".into()),
            ..fixed.clone()
        };
        let text = timeline_json(Clock::Media, Some("CNY"), &[], [&fixed, &moving], &rust_number);
        assert_eq!(
            text,
            concat!(
                r#"{"version":1,"currency":"CNY","products":[],"hotspots":["#,
                r#"{"id":"h1","product":"p","start":1,"end":2.5,"x":0.5,"y":0.25},"#,
                r#"{"id":"h1","product":"p","start":1,"end":2.5,"easing":"step","keyframes":[{"t":1,"x":0,"y":1}],"label":"Follow"}"#,
                "]}"
            )
        );
        assert!(matches!(parse(&text), Ok(Value::Object(_))));
    }

    #[test]
    fn an_empty_timeline_has_version_one_and_empty_lists() {
        assert_eq!(timeline_json(Clock::Media, None, &[], [], &rust_number), r#"{"version":1,"products":[],"hotspots":[]}"#);
    }

    #[test]
    fn the_clock_is_written_when_it_is_program_and_on_hotspots_whose_clock_differs() {
        let program = Hotspot {
            id: "p".into(),
            product: "p".into(),
            start: 1_795_000_000.0,
            end: 1_795_000_004.5,
            clock: Clock::Program,
            motion: Motion::Fixed(Point { x: 0.5, y: 0.5 }),
            label: None,
        };
        let media = Hotspot { id: "m".into(), start: 1.0, end: 2.0, clock: Clock::Media, ..program.clone() };
        assert_eq!(
            timeline_json(Clock::Program, None, &[], [&program, &media], &rust_number),
            concat!(
                r#"{"version":1,"clock":"program","products":[],"hotspots":["#,
                r#"{"id":"p","product":"p","start":1795000000,"end":1795000004.5,"x":0.5,"y":0.5},"#,
                r#"{"id":"m","product":"p","start":1,"end":2,"clock":"media","x":0.5,"y":0.5}"#,
                "]}"
            )
        );
        assert_eq!(
            timeline_json(Clock::Media, None, &[], [&program], &rust_number),
            concat!(
                r#"{"version":1,"products":[],"hotspots":["#,
                r#"{"id":"p","product":"p","start":1795000000,"end":1795000004.5,"clock":"program","x":0.5,"y":0.5}"#,
                "]}"
            )
        );
    }
}
