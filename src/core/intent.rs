//! The rules of a purchase intent (CONTRACT.md section 2, `shoppable-intent`).
//!
//! Owns what an intent says (its payload and the analytics ecommerce item), when a product may
//! be bought, the UUID format, and the 500 ms repeat guard. It must never dispatch events, read
//! clocks or draw randomness: the browser layer passes the time and random bytes in, and turns
//! the `Intent` into a `CustomEvent`. Prices are formatted by the browser (`Intl`), not here.

use super::timeline::{Point, Product};

/// Two activations of the same control closer than this (ms) emit one intent.
pub const REPEAT_WINDOW_MS: f64 = 500.0;

/// What the viewer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    BuyNow,
    AddToCart,
}

impl Action {
    /// The contract's name: `buy_now` / `add_to_cart`.
    pub fn name(self) -> &'static str {
        match self {
            Action::BuyNow => "buy_now",
            Action::AddToCart => "add_to_cart",
        }
    }
}

/// Where the product was opened from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Hotspot,
    Rail,
    Pinned,
}

impl Source {
    /// The contract's name: `hotspot` / `rail` / `pinned`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Hotspot => "hotspot",
            Source::Rail => "rail",
            Source::Pinned => "pinned",
        }
    }
}

/// One analytics ecommerce item (`items[]` of the intent and of the dataLayer events).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub item_id: String,
    pub item_name: String,
    pub price: Option<f64>,
    pub currency: Option<String>,
    pub quantity: u32,
    pub item_brand: Option<String>,
    pub item_variant: Option<String>,
}

/// The ecommerce item for `quantity` of `product`. Its currency is the product's own, else
/// `currency` (the caller passes the timeline's, else the element's `currency` attribute).
pub fn item_for(product: &Product, currency: Option<&str>, quantity: u32) -> Item {
    Item {
        item_id: product.id.clone(),
        item_name: product.display_name().to_owned(),
        price: product.price,
        currency: product.currency.as_deref().or(currency).map(str::to_owned),
        quantity,
        item_brand: product.brand.clone(),
        item_variant: product.variant.clone(),
    }
}

/// Whether the product's buttons emit intents: `available: false` means sold out.
pub fn can_buy(product: &Product) -> bool {
    product.available
}

/// The `detail` of a `shoppable-intent` event.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    pub intent_id: String,
    pub action: Action,
    pub product_id: String,
    /// The hotspot the product was opened from; `None` from the rail or the pinned card.
    pub hotspot_id: Option<String>,
    pub source: Source,
    /// Media time of the presented frame when tapped, seconds.
    pub video_time: f64,
    /// The hotspot's normalized position then, or `None`.
    pub position: Option<Point>,
    pub quantity: u32,
    /// Milliseconds since the epoch.
    pub timestamp: f64,
    pub items: Vec<Item>,
}

/// Builds the intent for one activation of a card button (quantity 1: the card has no
/// quantity picker).
///
/// - `intent_id`: a version 4 UUID (`element.js` makes it).
/// - `currency`: the item's fallback currency (the timeline's, else the element's attribute).
/// - `hotspot_id`, `position`: where the product was opened from; kept only for
///   `Source::Hotspot` (the rail and the pinned card send null for both, as the contract says).
/// - `video_time`: media time of the presented frame; `timestamp`: `Date.now()`.
///
/// It does not check [`can_buy`]: a sold-out product's buttons emit no intent, so the caller
/// asks first.
#[allow(clippy::too_many_arguments)] // one flat call site in the browser layer; each is named above
pub fn intent(
    intent_id: String,
    action: Action,
    product: &Product,
    currency: Option<&str>,
    hotspot_id: Option<String>,
    source: Source,
    video_time: f64,
    position: Option<Point>,
    timestamp: f64,
) -> Intent {
    const QUANTITY: u32 = 1;
    let from_hotspot = source == Source::Hotspot;
    Intent {
        intent_id,
        action,
        product_id: product.id.clone(),
        hotspot_id: hotspot_id.filter(|_| from_hotspot),
        source,
        video_time,
        position: position.filter(|_| from_hotspot),
        quantity: QUANTITY,
        timestamp,
        items: vec![item_for(product, currency, QUANTITY)],
    }
}

/// One control of the player that can emit intents: an action, where the product was opened
/// from, and a key naming the product (or button) the caller chooses, e.g.
/// [`Control::for_product`]. Copy, so checking a tap allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Control {
    pub action: Action,
    pub source: Source,
    pub key: u64,
}

impl Control {
    pub fn new(action: Action, source: Source, key: u64) -> Control {
        Control {
            action,
            source,
            key,
        }
    }

    /// The control for `action` on the card of `product_id` opened from `source`; the key is a
    /// 64-bit FNV-1a hash of the id (collisions only merge two products' guards for 500 ms).
    pub fn for_product(action: Action, source: Source, product_id: &str) -> Control {
        Control::new(action, source, fnv1a(product_id.as_bytes()))
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// "Activating the same control again within 500 ms does not emit a second intent."
///
/// The window runs from the last activation that was allowed, so a burst of taps emits one
/// intent every 500 ms at most. It remembers a few recent controls in a fixed array (no
/// allocation): a viewer cannot tap more distinct controls than that within 500 ms.
#[derive(Debug, Clone, Default)]
pub struct RepeatGuard {
    recent: [Option<(Control, f64)>; 8],
}

impl RepeatGuard {
    pub fn new() -> RepeatGuard {
        RepeatGuard::default()
    }

    /// Whether an activation of `control` at `now_ms` (a monotonic clock, e.g.
    /// `performance.now()`) may emit an intent; records it when it may.
    pub fn allow(&mut self, control: Control, now_ms: f64) -> bool {
        let within = |at: f64| {
            let elapsed = now_ms - at;
            // A clock that went backwards (or NaN) does not block forever.
            (0.0..REPEAT_WINDOW_MS).contains(&elapsed)
        };
        if self
            .recent
            .iter()
            .flatten()
            .any(|&(c, at)| c == control && within(at))
        {
            return false;
        }
        // Reuse this control's entry, else a free or expired one, else the oldest.
        let mut target = 0;
        let mut best = f64::INFINITY;
        for (i, entry) in self.recent.iter().enumerate() {
            let score = match entry {
                Some((c, _)) if *c == control => f64::NEG_INFINITY,
                None => f64::MIN,
                Some((_, at)) if !within(*at) => f64::MIN,
                Some((_, at)) => *at,
            };
            if score < best {
                best = score;
                target = i;
            }
        }
        if let Some(entry) = self.recent.get_mut(target) {
            *entry = Some((control, now_ms));
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vase() -> Product {
        Product {
            title: Some("Cloisonne vase".into()),
            price: Some(1280.0),
            currency: Some("CNY".into()),
            url: Some("https://shop.example/vase-01".into()),
            brand: Some("Jingtailan".into()),
            variant: Some("blue".into()),
            ..Product::with_id("vase-01")
        }
    }

    fn from_hotspot(product: &Product, source: Source) -> Intent {
        intent(
            "id-1".into(),
            Action::BuyNow,
            product,
            Some("EUR"),
            Some("h1".into()),
            source,
            4.233,
            Some(Point { x: 0.42, y: 0.61 }),
            1_795_000_000_000.0,
        )
    }

    #[test]
    fn names_are_the_contracts() {
        assert_eq!(Action::BuyNow.name(), "buy_now");
        assert_eq!(Action::AddToCart.name(), "add_to_cart");
        assert_eq!(Source::Hotspot.name(), "hotspot");
        assert_eq!(Source::Rail.name(), "rail");
        assert_eq!(Source::Pinned.name(), "pinned");
    }

    #[test]
    fn an_item_carries_the_products_fields() {
        let item = item_for(&vase(), Some("EUR"), 2);
        assert_eq!(
            item,
            Item {
                item_id: "vase-01".into(),
                item_name: "Cloisonne vase".into(),
                price: Some(1280.0),
                currency: Some("CNY".into()),
                quantity: 2,
                item_brand: Some("Jingtailan".into()),
                item_variant: Some("blue".into()),
            }
        );
    }

    #[test]
    fn an_item_falls_back_to_the_given_currency_and_the_id_for_a_name() {
        let bare = Product::with_id("p");
        let item = item_for(&bare, Some("EUR"), 1);
        assert_eq!(item.currency.as_deref(), Some("EUR"));
        assert_eq!(item.item_name, "p");
        assert_eq!(item.price, None);
        assert_eq!(item.item_brand, None);
        assert_eq!(item_for(&bare, None, 1).currency, None);
    }

    #[test]
    fn an_intent_from_a_hotspot_has_its_id_and_position() {
        let product = vase();
        let intent = from_hotspot(&product, Source::Hotspot);
        assert_eq!(intent.intent_id, "id-1");
        assert_eq!(intent.action, Action::BuyNow);
        assert_eq!(intent.product_id, "vase-01");
        assert_eq!(intent.hotspot_id.as_deref(), Some("h1"));
        assert_eq!(intent.source, Source::Hotspot);
        assert_eq!(intent.video_time, 4.233);
        assert_eq!(intent.position, Some(Point { x: 0.42, y: 0.61 }));
        assert_eq!(intent.quantity, 1);
        assert_eq!(intent.timestamp, 1_795_000_000_000.0);
        assert_eq!(intent.items, vec![item_for(&product, None, 1)]);
    }

    #[test]
    fn an_intent_from_the_rail_or_pinned_card_has_no_hotspot() {
        let product = vase();
        for source in [Source::Rail, Source::Pinned] {
            let intent = from_hotspot(&product, source);
            assert_eq!(intent.hotspot_id, None);
            assert_eq!(intent.position, None);
            assert_eq!(intent.source, source);
        }
    }

    #[test]
    fn an_intents_item_falls_back_to_the_given_currency() {
        let product = Product {
            currency: None,
            ..vase()
        };
        let intent = from_hotspot(&product, Source::Rail);
        assert_eq!(intent.items[0].currency.as_deref(), Some("EUR"));
        assert_eq!(intent.items[0].quantity, 1);
    }

    #[test]
    fn a_sold_out_product_cannot_be_bought() {
        assert!(!can_buy(&Product {
            available: false,
            ..vase()
        }));
        assert!(can_buy(&vase()));
    }

    fn buy(key: u64) -> Control {
        Control::new(Action::BuyNow, Source::Hotspot, key)
    }

    #[test]
    fn the_same_control_within_500_ms_is_refused() {
        let mut guard = RepeatGuard::new();
        assert!(guard.allow(buy(1), 1000.0));
        assert!(!guard.allow(buy(1), 1000.0));
        assert!(!guard.allow(buy(1), 1499.999));
        assert!(guard.allow(buy(1), 1500.0));
    }

    #[test]
    fn the_window_runs_from_the_last_allowed_activation() {
        let mut guard = RepeatGuard::new();
        assert!(guard.allow(buy(1), 0.0));
        assert!(!guard.allow(buy(1), 400.0));
        assert!(guard.allow(buy(1), 500.0));
        assert!(!guard.allow(buy(1), 999.0));
    }

    #[test]
    fn a_different_control_is_allowed() {
        let mut guard = RepeatGuard::new();
        assert!(guard.allow(buy(1), 0.0));
        assert!(guard.allow(buy(2), 10.0));
        assert!(guard.allow(Control::new(Action::AddToCart, Source::Hotspot, 1), 20.0));
        assert!(guard.allow(Control::new(Action::BuyNow, Source::Rail, 1), 30.0));
        assert!(!guard.allow(buy(1), 40.0));
        assert!(!guard.allow(buy(2), 50.0));
    }

    #[test]
    fn many_controls_at_once_still_guard_the_latest() {
        let mut guard = RepeatGuard::new();
        for key in 0..20 {
            assert!(guard.allow(buy(key), f64::from(key as u32)));
        }
        // The last 8 are remembered.
        for key in 12..20 {
            assert!(!guard.allow(buy(key), 100.0), "{key}");
        }
    }

    #[test]
    fn a_clock_going_backwards_does_not_block() {
        let mut guard = RepeatGuard::new();
        assert!(guard.allow(buy(1), 10_000.0));
        assert!(guard.allow(buy(1), 5.0));
        assert!(guard.allow(buy(2), f64::NAN));
        assert!(guard.allow(buy(2), 0.0));
    }

    #[test]
    fn controls_for_products_differ_by_id() {
        let a = Control::for_product(Action::BuyNow, Source::Hotspot, "vase-01");
        let b = Control::for_product(Action::BuyNow, Source::Hotspot, "vase-02");
        assert_ne!(a, b);
        assert_eq!(
            a,
            Control::for_product(Action::BuyNow, Source::Hotspot, "vase-01")
        );
    }
}
