//! The shadow DOM the viewer sees: the layer over the video's picture box, pooled hotspot
//! buttons, and the product card.
//!
//! It applies what the core decided and decides nothing itself. Hotspots (a bare box that moves,
//! with the button inside) are created once per slot and reused (the stage hands out the lowest
//! free slot), so showing and hiding does not churn the DOM, and steady frames only write the
//! boxes' `transform`. Product text always goes in as text, never as HTML.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlImageElement, Node};

use crate::core::words::{Message, Words};
use crate::web::js;
use crate::web::names::part;

type DomResult<T> = Result<T, JsValue>;

pub struct Overlay {
    pub layer: HtmlElement,
    spots: Vec<Spot>,
    /// The spots' boxes as a JS array, handed to the batched `placeHotspots`.
    boxes_js: Array,
    pub card: Card,
    pub pinned: Pinned,
    pub rail: Rail,
    /// The fullscreen toggle (`aria-pressed`).
    fullscreen: HtmlButtonElement,
    /// The parts a hotspot may lie under, as a JS array for `readCovers`.
    cover_parts: Array,
    /// Their boxes and the control band's, `[left, top, right, bottom, ...]` in layer px, read
    /// when they may have changed (never per frame).
    covers: Vec<f64>,
    /// The one polite live region (visually hidden).
    announcer: HtmlElement,
}

/// One pooled hotspot: the box the frame loop moves, and the button in it.
struct Spot {
    positioned: HtmlElement,
    button: HtmlElement,
    /// Where its point is (layer px), and whether it rests under a part or the control band.
    x: f64,
    y: f64,
    inert: bool,
}

/// The "now presenting" card of a livestream: independent of time.
pub struct Pinned {
    pub root: HtmlElement,
    badge: HtmlElement,
    title: HtmlElement,
    price: HtmlElement,
    pub buy: HtmlButtonElement,
    pub add_to_cart: HtmlButtonElement,
    status: HtmlElement,
}

/// "Shop this video": every product, marked while one of its hotspots is visible.
pub struct Rail {
    pub root: HtmlElement,
    pub toggle: HtmlButtonElement,
    pub list: HtmlElement,
    /// (product id, item button, marked `aria-current`), in timeline order.
    items: Vec<(String, HtmlElement, bool)>,
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
    pub root: HtmlElement,
    image: HtmlImageElement,
    title: HtmlElement,
    price: HtmlElement,
    original_price: HtmlElement,
    description: HtmlElement,
    pub buy: HtmlButtonElement,
    pub add_to_cart: HtmlButtonElement,
    pub close: HtmlButtonElement,
    status: HtmlElement,
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
    pub fn new(parent: &Node) -> DomResult<Overlay> {
        let nodes = js::build_overlay(parent);
        let node = |i: u32| -> DomResult<HtmlElement> {
            nodes.get(i).dyn_into::<HtmlElement>().map_err(|_| JsValue::from_str("overlay markup"))
        };
        let button = |i: u32| -> DomResult<HtmlButtonElement> { Ok(node(i)?.unchecked_into()) };
        let card = Card {
            root: node(1)?,
            image: node(2)?.unchecked_into(),
            title: node(3)?,
            price: node(4)?,
            original_price: node(5)?,
            description: node(6)?,
            buy: button(7)?,
            add_to_cart: button(8)?,
            close: button(9)?,
            status: node(10)?,
        };
        let pinned = Pinned {
            root: node(11)?,
            badge: node(20)?,
            title: node(12)?,
            price: node(13)?,
            buy: button(14)?,
            add_to_cart: button(15)?,
            status: node(16)?,
        };
        let rail = Rail { root: node(17)?, toggle: button(18)?, list: node(19)?, items: Vec::new() };
        let fullscreen = button(21)?;
        let announcer = node(22)?;
        let cover_parts = Array::of4(&pinned.root, &rail.toggle, &rail.list, &fullscreen);
        Ok(Overlay {
            layer: node(0)?,
            spots: Vec::new(),
            boxes_js: Array::new(),
            card,
            pinned,
            rail,
            fullscreen,
            cover_parts,
            covers: Vec::new(),
            announcer,
        })
    }

    /// Puts the element's own words in place, in the `lang` and `dir` they are written in (at
    /// connect, and when the locale or the host's `strings` change).
    pub fn show_words(&self, words: &Words) {
        let _ = self.layer.set_attribute("lang", words.lang());
        let _ = self.layer.set_attribute("dir", words.dir().as_str());
        let buy = words.text(Message::Buy);
        let add = words.text(Message::AddToCart);
        for (button, text) in [(&self.card.buy, buy), (&self.card.add_to_cart, add), (&self.pinned.buy, buy), (&self.pinned.add_to_cart, add)] {
            button.set_text_content(Some(text));
        }
        let _ = self.card.close.set_attribute("aria-label", words.text(Message::Close));
        let _ = self.card.root.set_attribute("aria-label", words.text(Message::ProductDetails));
        let presenting = words.text(Message::NowPresenting);
        let _ = self.pinned.root.set_attribute("aria-label", presenting);
        self.pinned.badge.set_text_content(Some(presenting));
        let _ = self.rail.root.set_attribute("aria-label", words.text(Message::ShopThisVideo));
        let _ = self.fullscreen.set_attribute("aria-label", words.text(Message::Fullscreen));
    }

    /// Reads again where the parts a hotspot may lie under are (after one was shown, hidden or
    /// refilled, or the layout changed), and rests the hotspots now under one.
    pub fn read_covers(&mut self) {
        self.covers = js::read_covers(&self.layer, &self.cover_parts).to_vec();
        for slot in 0..self.spots.len() {
            self.rest_if_covered(slot);
        }
    }

    /// A shown hotspot's point moved (layer px): it rests (inert: hidden, not focusable, not
    /// tappable) while under a part or on the video's control bar. Writes only on a change.
    pub fn place_point(&mut self, slot: usize, x: f64, y: f64) {
        if let Some(spot) = self.spots.get_mut(slot) {
            spot.x = x;
            spot.y = y;
        }
        self.rest_if_covered(slot);
    }

    fn rest_if_covered(&mut self, slot: usize) {
        let Some(spot) = self.spots.get(slot) else { return };
        let (x, y) = (spot.x, spot.y);
        let covered = !spot.positioned.hidden()
            && self.covers.chunks_exact(4).any(|r| x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]);
        if covered == spot.inert {
            return;
        }
        let focused = covered && spot.button.matches(":focus").unwrap_or(false);
        let _ = spot.positioned.toggle_attribute_with_force("inert", covered);
        if let Some(spot) = self.spots.get_mut(slot) {
            spot.inert = covered;
        }
        if focused {
            self.focus_stable_control();
        }
    }

    /// Says `text` to screen readers (polite).
    pub fn announce(&self, text: &str) {
        self.announcer.set_text_content(Some(text));
    }

    /// Focus to a control that is always there: the rail's toggle, else the fullscreen toggle.
    pub fn focus_stable_control(&self) {
        let target: &HtmlElement = if !self.rail.root.hidden() { &self.rail.toggle } else { &self.fullscreen };
        let _ = target.focus();
    }

    /// The fullscreen toggle: shown unless the host turned it off, pressed while fullscreen.
    pub fn show_fullscreen(&self, shown: bool, pressed: bool) {
        self.fullscreen.set_hidden(!shown);
        let _ = self.fullscreen.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
    }

    /// Lays the layer exactly over the video's content box (host padding-box coordinates).
    pub fn place_layer(&self, left: f64, top: f64, width: f64, height: f64) {
        crate::web::js::place_layer(&self.layer, left, top, width, height);
    }

    fn spot(&mut self, slot: usize) -> DomResult<&Spot> {
        while self.spots.len() <= slot {
            let positioned = js::new_spot(&self.layer, &self.card.root, self.spots.len() as u32);
            let button = positioned
                .first_element_child()
                .and_then(|child| child.dyn_into::<HtmlElement>().ok())
                .ok_or_else(|| JsValue::from_str("no hotspot button"))?;
            self.boxes_js.push(&positioned);
            self.spots.push(Spot { positioned, button, x: f64::NAN, y: f64::NAN, inert: false });
        }
        self.spots.get(slot).ok_or_else(|| JsValue::from_str("no hotspot button"))
    }

    pub fn show_hotspot(&mut self, slot: usize, hotspot_id: &str, product_id: &str, aria_label: &str, tag: &str) -> DomResult<()> {
        let Spot { positioned, button, .. } = self.spot(slot)?;
        button.set_attribute("part", part::HOTSPOT)?;
        button.set_attribute("data-hotspot-id", hotspot_id)?;
        button.set_attribute("data-product-id", product_id)?;
        button.set_attribute("aria-label", aria_label)?;
        if let Some(tag_element) = button.last_element_child() {
            tag_element.set_text_content(Some(tag));
        }
        positioned.set_hidden(false);
        Ok(())
    }

    pub fn hide_hotspot(&mut self, slot: usize) -> DomResult<()> {
        let Some(Spot { positioned, button, inert, .. }) = self.spots.get_mut(slot) else { return Ok(()) };
        positioned.set_hidden(true);
        if std::mem::take(inert) {
            positioned.remove_attribute("inert")?;
        }
        button.set_attribute("part", "")?;
        button.remove_attribute("data-hotspot-id")?;
        button.remove_attribute("data-product-id")
    }

    /// Relabels a shown hotspot (its product changed).
    pub fn label_hotspot(&self, slot: usize, aria_label: &str) -> DomResult<()> {
        match self.spots.get(slot) {
            Some(spot) => spot.button.set_attribute("aria-label", aria_label),
            None => Ok(()),
        }
    }

    pub fn hotspot_button(&self, slot: usize) -> Option<&HtmlElement> {
        self.spots.get(slot).filter(|spot| !spot.positioned.hidden()).map(|spot| &spot.button)
    }

    /// One batch of moves, `[slot, x, y, ...]` in CSS px of the video box.
    pub fn place_hotspots(&self, moves: &[f64]) {
        if !moves.is_empty() {
            crate::web::js::place_hotspots(&self.boxes_js, moves);
        }
    }
}

impl Card {
    pub fn is_open(&self) -> bool {
        !self.root.hidden()
    }

    /// Whether focus is in the card.
    pub fn has_focus(&self) -> bool {
        self.root.matches(":focus-within").unwrap_or(false)
    }

    pub fn fill(&self, view: &CardView) -> DomResult<()> {
        self.title.set_text_content(Some(view.title));
        self.price.set_text_content(Some(view.price));
        self.original_price.set_text_content(Some(view.original_price));
        self.description.set_text_content(Some(view.description));
        if view.image.is_empty() {
            self.image.remove_attribute("src")?;
            self.image.set_hidden(true);
        } else {
            self.image.set_src(view.image);
            self.image.set_hidden(false);
        }
        self.buy.set_disabled(!view.available);
        self.add_to_cart.set_disabled(!view.available);
        self.set_status(if view.available { "" } else { view.sold_out });
        Ok(())
    }

    pub fn set_status(&self, text: &str) {
        self.status.set_text_content(Some(text));
    }

    pub fn open(&self) {
        self.root.set_hidden(false);
        let target: &HtmlElement = if self.buy.disabled() { &self.close } else { &self.buy };
        let _ = target.focus();
    }

    pub fn close(&self) {
        self.root.set_hidden(true);
    }
}

impl Pinned {
    /// Shows the pinned product (`None` clears it).
    pub fn show(&self, view: Option<PinnedView>) {
        match view {
            Some(view) => {
                self.title.set_text_content(Some(view.title));
                self.price.set_text_content(Some(view.price));
                for (button, name) in [(&self.buy, view.buy_name), (&self.add_to_cart, view.add_name)] {
                    button.set_disabled(!view.available);
                    let _ = button.set_attribute("aria-label", name);
                }
                self.set_status(if view.available { "" } else { view.sold_out });
                self.root.set_hidden(false);
            }
            None => self.root.set_hidden(true),
        }
    }

    pub fn set_status(&self, text: &str) {
        self.status.set_text_content(Some(text));
    }

    /// The title button (it opens the product's card), while the pinned card shows.
    pub fn title_if_shown(&self) -> Option<HtmlElement> {
        (!self.root.hidden()).then(|| self.title.clone())
    }
}

impl Rail {
    /// Rebuilds the items (a new timeline, locale or currency).
    pub fn fill(&mut self, entries: &[RailEntry]) {
        self.list.set_text_content(None);
        self.items.clear();
        for entry in entries {
            self.append(entry);
        }
    }

    /// Appends an item (a product added at run time).
    pub fn append(&mut self, entry: &RailEntry) {
        let button = js::new_rail_item(&self.list, entry.product_id, entry.title, rail_price(entry));
        self.items.push((entry.product_id.to_owned(), button, false));
    }

    /// Refills the item at `at` (its product was replaced at run time).
    pub fn set_item(&self, at: usize, entry: &RailEntry) {
        let Some((_, button, _)) = self.items.get(at) else { return };
        if let Some(title) = button.first_element_child() {
            title.set_text_content(Some(entry.title));
        }
        if let Some(price) = button.last_element_child() {
            price.set_text_content(Some(rail_price(entry)));
        }
    }

    /// "Shop (N)" (`text`) on the toggle; no rail without products.
    pub fn show_count(&self, count: usize, text: &str) {
        self.root.set_hidden(count == 0);
        self.toggle.set_text_content(Some(text));
    }

    /// Marks the items whose product has a visible hotspot (listed in `active`); writes only
    /// the items whose mark changed.
    pub fn mark(&mut self, active: &[&str]) {
        for (product_id, button, marked) in &mut self.items {
            let current = active.contains(&product_id.as_str());
            if current == *marked {
                continue;
            }
            *marked = current;
            let _ = if current {
                button.set_attribute("aria-current", "true")
            } else {
                button.remove_attribute("aria-current")
            };
        }
    }

    pub fn set_expanded(&self, expanded: bool) {
        let _ = self.toggle.set_attribute("aria-expanded", if expanded { "true" } else { "false" });
        self.list.set_hidden(!expanded);
    }

    pub fn is_expanded(&self) -> bool {
        !self.list.hidden()
    }

    /// The item of `product_id` while the list shows, else the toggle.
    pub fn item(&self, product_id: &str) -> Option<HtmlElement> {
        if self.root.hidden() {
            return None;
        }
        if !self.is_expanded() {
            return Some(self.toggle.clone().unchecked_into());
        }
        self.items.iter().find(|(id, _, _)| id == product_id).map(|(_, button, _)| button.clone())
    }
}

fn rail_price<'a>(entry: &RailEntry<'a>) -> &'a str {
    if entry.available { entry.price } else { entry.sold_out }
}

/// Shows `pending` on a button while the host confirms an intent. It stays enabled for focus
/// (a disabled button would drop it to the page, and Escape with it): `aria-disabled` says it
/// does nothing now, and the state ignores its clicks while the answer is awaited.
pub fn set_pending(button: &HtmlButtonElement, pending: bool) {
    for name in ["aria-busy", "aria-disabled"] {
        let _ = if pending { button.set_attribute(name, "true") } else { button.remove_attribute(name) };
    }
}


/// The `data-slot` of a pooled hotspot, if `element` is (inside) one.
pub fn hotspot_slot(element: &Element) -> Option<usize> {
    let spot = element.closest(".spot").ok().flatten()?;
    spot.get_attribute("data-slot")?.parse().ok()
}

/// The product of the rail item `element` is (inside), if any.
pub fn rail_product(element: &Element) -> Option<String> {
    element.closest("[part~=rail-item]").ok().flatten()?.get_attribute("data-product-id")
}

/// Whether `element` is (inside) the pinned card's title, which opens the product card.
pub fn is_pinned_title(element: &Element) -> bool {
    matches!(element.closest("[part~=pinned-title]"), Ok(Some(_)))
}

/// Whether `element` is inside the pinned card.
pub fn in_pinned(element: &Element) -> bool {
    matches!(element.closest("[part~=pinned]"), Ok(Some(_)))
}

/// The part of the card control `element` is (inside), if any.
pub fn control_part(element: &Element) -> Option<String> {
    let button = element.closest("button[part]").ok().flatten()?;
    button.get_attribute("part")
}
