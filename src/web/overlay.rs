//! The shadow DOM the viewer sees: the layer over the video's picture box, pooled hotspot
//! buttons, the product card, the pinned card and the rail.
//!
//! It applies what the core decided and decides nothing itself. Hotspots (a bare box that moves,
//! with the button inside) are created once per slot and reused (the stage hands out the lowest
//! free slot), so showing and hiding does not churn the DOM, and steady frames only write the
//! boxes' `transform`. Product text always goes in as text, never as HTML.
//!
//! `element.js` holds the nodes (`buildOverlay` makes them from its static markup) and writes
//! them: each method here is one call with everything a part shows, where one call per node and
//! property would each cost their own glue in the Wasm and in JavaScript. What the Rust side
//! needs to remember (which rail items are marked) stays here.

use wasm_bindgen::JsValue;

use crate::core::words::{Message, Words};
use crate::web::js;

/// The overlay's nodes in `element.js` (what `buildOverlay` answered), for its writers.
type Nodes = JsValue;

pub struct Overlay {
    nodes: Nodes,
    pub card: Card,
    pub pinned: Pinned,
    pub rail: Rail,
}

/// The "now presenting" card of a livestream: independent of time.
pub struct Pinned {
    nodes: Nodes,
}

/// "Shop this video": every product, marked while one of its hotspots is visible.
pub struct Rail {
    nodes: Nodes,
    /// (product id, marked `aria-current`), in timeline order, one per item.
    items: Vec<(String, bool)>,
}

/// One rail entry, already formatted.
pub struct RailEntry<'a> {
    pub product_id: &'a str,
    pub title: &'a str,
    pub price: &'a str,
    pub available: bool,
    /// What stands for the price when the product is not available.
    pub sold_out: &'a str,
}

/// What the pinned card shows, already formatted.
pub struct PinnedView<'a> {
    pub title: &'a str,
    pub price: &'a str,
    pub available: bool,
    /// The status of a product that is not available.
    pub sold_out: &'a str,
    /// The buttons' accessible names, which name the product ("Buy now: Cloisonne vase").
    pub buy_name: &'a str,
    pub add_name: &'a str,
}

pub struct Card {
    nodes: Nodes,
}

/// What the card shows, already formatted.
pub struct CardView<'a> {
    pub title: &'a str,
    pub price: &'a str,
    pub original_price: &'a str,
    pub description: &'a str,
    /// An http(s) URL, or "" for none.
    pub image: &'a str,
    pub available: bool,
    /// The status of a product that is not available.
    pub sold_out: &'a str,
}

impl Overlay {
    /// Builds the layer, the (hidden) card, pinned card and rail inside `parent`, from the
    /// static markup in `element.js`. DOM order is focus order: hotspots (inserted before the
    /// card), card, pinned, rail.
    pub fn new(parent: &web_sys::Node) -> Overlay {
        let nodes = js::build_overlay(parent);
        Overlay {
            card: Card { nodes: nodes.clone() },
            pinned: Pinned { nodes: nodes.clone() },
            rail: Rail { nodes: nodes.clone(), items: Vec::new() },
            nodes,
        }
    }

    /// Puts the element's own words in place, in the `lang` and `dir` they are written in (at
    /// connect, and when the locale or the host's `strings` change).
    pub fn show_words(&self, words: &Words) {
        js::show_words(
            &self.nodes,
            words.lang(),
            words.dir().as_str(),
            words.text(Message::Buy),
            words.text(Message::AddToCart),
            words.text(Message::Close),
            words.text(Message::ProductDetails),
            words.text(Message::NowPresenting),
            words.text(Message::ShopThisVideo),
            words.text(Message::Fullscreen),
        );
    }

    /// Reads again where the parts a hotspot may lie under are (after one was shown, hidden or
    /// refilled, or the layout changed), and rests the hotspots now under one: inert (hidden, not
    /// focusable, not tappable) while their point is under a part or on the video's control bar.
    /// `place_hotspots` rests or wakes each hotspot it moves the same way.
    pub fn read_covers(&self) {
        js::read_covers(&self.nodes);
    }

    /// Says `text` to screen readers (polite).
    pub fn announce(&self, text: &str) {
        js::announce(&self.nodes, text);
    }

    /// The fullscreen toggle: shown unless the host turned it off, pressed while fullscreen.
    pub fn show_fullscreen(&self, shown: bool, pressed: bool) {
        js::show_fullscreen(&self.nodes, shown, pressed);
    }

    /// Reads the layout facts the geometry needs and lays the layer exactly over the video's
    /// content box: `sizes` gets the content box's width and height, the video's intrinsic size
    /// and 1 when the video shows its controls (else 0); answers its object-fit and
    /// object-position, as "fit position". `own_video`: the element made the video (a host's
    /// own video with controls has the layer keep their bar free, `data-controls`).
    pub fn read_layout(&self, host: &web_sys::HtmlElement, video: &web_sys::HtmlVideoElement, sizes: &mut [f64; 5], own_video: bool) -> String {
        js::read_layout(host, video, &self.nodes, sizes, own_video)
    }

    /// Shows the hotspot button of `slot` (made the first time a slot is used) for a hotspot.
    pub fn show_hotspot(&mut self, slot: usize, hotspot_id: &str, product_id: &str, aria_label: &str, tag: &str) {
        js::show_hotspot(&self.nodes, slot as u32, hotspot_id, product_id, aria_label, tag);
    }

    /// Hides the hotspot of `slot`; focus on it moves to a stable control, never to the page.
    pub fn hide_hotspot(&mut self, slot: usize) {
        js::hide_hotspot(&self.nodes, slot as u32);
    }

    /// Relabels a shown hotspot (its product changed).
    pub fn label_hotspot(&self, slot: usize, aria_label: &str) {
        js::label_hotspot(&self.nodes, slot as u32, aria_label);
    }

    /// One batch of moves, `[slot, x, y, ...]` in CSS px of the video box.
    pub fn place_hotspots(&self, moves: &[f64]) {
        if !moves.is_empty() {
            js::place_hotspots(&self.nodes, moves);
        }
    }

    /// A buy (`add` false) or add-to-cart button of the card or the pinned card, busy while the
    /// host confirms an intent (`pending`); once not, enabled again if its product is `available`.
    pub fn show_pending(&self, pinned: bool, add: bool, pending: bool, available: bool) {
        js::show_pending(&self.nodes, pinned, add, pending, available);
    }
}

impl Card {
    pub fn fill(&self, view: &CardView) {
        js::fill_card(
            &self.nodes,
            view.title,
            view.price,
            view.original_price,
            view.description,
            view.image,
            view.available,
            view.sold_out,
        );
    }

    pub fn set_status(&self, text: &str) {
        js::set_status(&self.nodes, false, text);
    }

    /// Shows the card and moves focus into it.
    pub fn open(&self) {
        js::open_card(&self.nodes);
    }

    /// Hides the card; false if it was not open. Focus that was in it goes to `opener` if that
    /// is still there, else to a stable control of the element, never to the page.
    pub fn close(&self, opener: Opener) -> bool {
        let (kind, at) = match opener {
            Opener::None => (0, 0),
            Opener::Hotspot(slot) => (1, slot as i32),
            Opener::RailItem(at) => (2, at.map_or(-1, |at| at as i32)),
            Opener::PinnedTitle => (3, 0),
        };
        js::close_card(&self.nodes, kind, at)
    }
}

impl Pinned {
    /// Shows the pinned product (`None` clears it).
    pub fn show(&self, view: Option<PinnedView>) {
        match view {
            Some(view) => {
                js::show_pinned(&self.nodes, view.title, view.price, view.available, view.sold_out, view.buy_name, view.add_name)
            }
            None => js::hide_pinned(&self.nodes),
        }
    }

    pub fn set_status(&self, text: &str) {
        js::set_status(&self.nodes, true, text);
    }
}

impl Rail {
    /// Rebuilds the items (a new timeline, locale or currency).
    pub fn fill(&mut self, entries: &[RailEntry]) {
        js::clear_rail(&self.nodes);
        self.items.clear();
        for entry in entries {
            self.append(entry);
        }
    }

    /// Appends an item (a product added at run time).
    pub fn append(&mut self, entry: &RailEntry) {
        js::append_rail_item(&self.nodes, entry.product_id, entry.title, rail_price(entry));
        self.items.push((entry.product_id.to_owned(), false));
    }

    /// Refills the item at `at` (its product was replaced at run time).
    pub fn set_item(&self, at: usize, entry: &RailEntry) {
        if at < self.items.len() {
            js::set_rail_item(&self.nodes, at as u32, entry.title, rail_price(entry));
        }
    }

    /// "Shop (N)" (`text`) on the toggle; no rail without products.
    pub fn show_count(&self, count: usize, text: &str) {
        js::show_rail_count(&self.nodes, count == 0, text);
    }

    /// Marks the items whose product has a visible hotspot (listed in `active`); writes only
    /// the items whose mark changed.
    pub fn mark(&mut self, active: &[&str]) {
        for (at, (product_id, marked)) in self.items.iter_mut().enumerate() {
            let current = active.contains(&product_id.as_str());
            if current != *marked {
                *marked = current;
                js::mark_rail_item(&self.nodes, at as u32, current);
            }
        }
    }

    pub fn set_expanded(&self, expanded: bool) {
        js::set_rail_expanded(&self.nodes, expanded);
    }

    pub fn is_expanded(&self) -> bool {
        js::is_rail_expanded(&self.nodes)
    }

    /// Where the item of `product_id` is, in timeline order.
    pub fn position(&self, product_id: &str) -> Option<usize> {
        self.items.iter().position(|(id, _)| id == product_id)
    }
}

/// What opened the card, to give focus back to when it closes.
pub enum Opener {
    /// Gone: focus goes to a stable control.
    None,
    /// The hotspot shown in this slot.
    Hotspot(usize),
    /// The rail's item at this position (or the rail's toggle while the list is collapsed).
    RailItem(Option<usize>),
    /// The pinned card's title, while the pinned card shows.
    PinnedTitle,
}

fn rail_price<'a>(entry: &RailEntry<'a>) -> &'a str {
    if entry.available { entry.price } else { entry.sold_out }
}
