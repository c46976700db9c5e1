//! What one element shows and tells, between browser facts and the core's answers: the video
//! in use, the stage, the layout, program time, the open card, the pinned product, the rail,
//! the metadata cues (WebVTT and HLS date ranges), and the intents with their outcomes.
//!
//! Every method runs inside `Shared::update`: it may change the DOM of its own shadow root but
//! never calls into host code; events go to the `outbox` and are dispatched afterwards.
//!
//! The DOM handles (`host`, `video`, `overlay`) are held only while the element is connected:
//! `disconnect` drops them, so nothing here keeps a removed element alive. Everything else (the
//! timeline, the settings, the pinned product) stays, and `connect` shows it again.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlVideoElement, ShadowRoot};

use crate::core::clock;
use crate::core::daterange;
use crate::core::geometry::{ObjectFit, ObjectPosition, Viewport};
use crate::core::index::Key;
use crate::core::intent::{self, Action, Control, RepeatGuard, Source};
use crate::core::stage::{Change, Stage};
use crate::core::timeline::{Hotspot, Point, Product, Timeline};
use crate::core::validate::{self, Cue};
use crate::core::words::{Message, Plural, ProductText, Words};
use crate::web::input::{refused, text_options};
use crate::web::events::{Outgoing, Surface};
use crate::web::js;
use crate::web::overlay::{CardView, Opener, Overlay, PinnedView, RailEntry};

/// How often (in frames) a playing video's object-fit and object-position are read again.
const STYLE_CHECK_FRAMES: u32 = 30;

/// At most one live announcement of products in view per this many milliseconds.
const ANNOUNCE_GAP_MS: f64 = 4_000.0;

/// The video's native control bar, kept free of the overlay (the stylesheet's default
/// `--shoppable-controls-height`).
const CONTROL_BAND_PX: f64 = 72.0;

/// Players lower than this above their control bar show the rail collapsed in `rail="auto"`.
const LOW_PX: f64 = 236.0;

/// Narrower players than this show the rail collapsed in `rail="auto"`.
const NARROW_PX: f64 = 480.0;

#[derive(Clone, Copy, PartialEq)]
pub enum TapAction {
    Card,
    Intent,
}

#[derive(Clone, Copy, PartialEq)]
pub enum RailMode {
    Auto,
    Open,
    Closed,
}

/// The product card's origin, for the events it emits.
struct OpenCard {
    product_id: String,
    hotspot_id: Option<String>,
    source: Source,
    video_time: f64,
    position: Option<Point>,
}

/// An intent whose outcome the host promised through `respondWith`.
struct Awaited {
    surface: Surface,
    action: Action,
    product_id: String,
    intent_id: String,
}

/// A metadata cue's hotspot (a WebVTT cue's, or an HLS date range's), kept so it joins again
/// after a timeline reload.
struct CueHotspot {
    /// The cue's identifier, else `vtt-N` or `daterange-N`; once joined, the hotspot's id.
    default_id: String,
    start: f64,
    end: f64,
    /// The cue's text (a date range's X-HOTSPOT decoded, `None` when it was not base64 of
    /// UTF-8), read each time it tries to join (a waiting cue is rare and short).
    text: Option<String>,
    path: String,
    status: CueStatus,
    /// A date range's number (`takeDateRanges`): it leaves with its cue.
    date_range: Option<u32>,
}

#[derive(Clone, Copy, PartialEq)]
enum CueStatus {
    /// Not on the stage yet (its product may still be unknown).
    Waiting,
    Joined,
    /// Invalid: reported once, never joins.
    Rejected,
}

/// The handles a new connection needs, from `State::connect`.
pub struct View {
    pub host: HtmlElement,
    pub video: HtmlVideoElement,
    pub shadow: ShadowRoot,
}

pub struct State {
    /// The element, while connected.
    host: Option<HtmlElement>,
    /// The shadow DOM's overlay, while connected.
    overlay: Option<Overlay>,
    /// The video in use, while connected.
    pub video: Option<HtmlVideoElement>,
    /// The element created the video (so attributes pass through to it).
    own_video: bool,
    pub stage: Stage,
    viewport: Viewport,
    /// The locale prices are formatted in: `locale_attr`, else the nearest `lang`, else the browser's.
    locale: String,
    /// The `locale` attribute.
    locale_attr: Option<String>,
    /// The element's own words, in the catalog `locale` matches, with the host's `strings`.
    pub words: Words,
    /// The `fullscreen-button` attribute is not "off".
    fullscreen_button: bool,
    /// Titles of products that came into view and were not announced yet.
    unannounced: Vec<String>,
    /// When the last announcement was made (ms since the epoch).
    announced_at: f64,
    pub currency_attr: Option<String>,
    pub tap_action: TapAction,
    pub rail_mode: RailMode,
    /// The viewer's own choice with the rail's toggle, over the mode's default.
    pub rail_toggled: Option<bool>,
    narrow: bool,
    pub datalayer: bool,
    /// Relative product URLs resolve against this (the timeline's URL, or the page).
    base_url: String,
    /// Bumped on each timeline load, so a slow fetch never replaces a newer timeline.
    pub generation: u32,
    /// Media time of the frame the viewer sees (the last one rendered).
    pub presented_time: f64,
    /// The host's `programTimeOffset` (program time minus media time), if set.
    program_time_offset: Option<f64>,
    moves: Vec<f64>,
    /// object-fit and object-position as last read, to notice a change of style.
    fit: String,
    frames_since_style_check: u32,
    card: Option<OpenCard>,
    pinned: Option<String>,
    cues: Vec<CueHotspot>,
    awaiting: Vec<Awaited>,
    tracks_watched: u32,
    repeat_guard: RepeatGuard,
    /// Test builds only: the next frame panics (the failure path of a browser callback).
    #[cfg(feature = "failure-hook")]
    pub panic_on_frame: bool,
}

impl State {
    pub fn new() -> State {
        State {
            host: None,
            overlay: None,
            video: None,
            own_video: false,
            stage: Stage::new(),
            viewport: Viewport {
                video_width: 0.0,
                video_height: 0.0,
                box_width: 0.0,
                box_height: 0.0,
                fit: ObjectFit::Contain,
                position: ObjectPosition::default(),
            },
            locale: js::default_locale(None),
            locale_attr: None,
            words: Words::new(&js::default_locale(None)),
            fullscreen_button: true,
            unannounced: Vec::new(),
            announced_at: f64::NEG_INFINITY,
            currency_attr: None,
            tap_action: TapAction::Card,
            rail_mode: RailMode::Auto,
            rail_toggled: None,
            narrow: false,
            datalayer: false,
            base_url: String::new(),
            generation: 0,
            presented_time: 0.0,
            program_time_offset: None,
            moves: Vec::new(),
            fit: String::new(),
            frames_since_style_check: 0,
            card: None,
            pinned: None,
            cues: Vec::new(),
            awaiting: Vec::new(),
            tracks_watched: 0,
            repeat_guard: RepeatGuard::default(),
            #[cfg(feature = "failure-hook")]
            panic_on_frame: false,
        }
    }

    // ---- connection -------------------------------------------------------------------------

    /// Takes the element's handles (its shadow root made on the first connection), the video, a
    /// fresh overlay; `show_all` then fills it. `None` when the element cannot have its shadow
    /// tree (another script attached a closed shadow root, or took the overlay apart).
    pub fn connect(&mut self, host: HtmlElement) -> Option<View> {
        let shadow = js::shadow_of(&host)?;
        let video = self.adopt_video(&host, &shadow);
        self.overlay = Some(Overlay::new(&shadow));
        self.host = Some(host.clone());
        self.narrow = false;
        self.resolve_locale();
        Some(View { host, video, shadow })
    }

    /// After `connect`: the layout, the rail, the pinned card and the hotspots of this moment.
    pub fn show_all(&mut self, outbox: &mut Vec<Outgoing>) {
        self.relayout();
        self.refresh_program_clock();
        self.words_changed();
        let time = self.current_time();
        self.render(time, outbox);
    }

    /// The element left the document: the stage forgets what it showed (a removed element tells
    /// the host nothing more), the card closes, and every DOM handle is let go.
    pub fn disconnect(&mut self) {
        self.render_frame(f64::NEG_INFINITY, self.presented_time, &mut Vec::new());
        self.card = None;
        self.overlay = None;
        self.video = None;
        self.host = None;
        self.tracks_watched = 0;
    }

    // ---- the video ------------------------------------------------------------------------

    /// Uses the host's child `<video>` as it is, or creates one (`element.js` copies the media
    /// attributes onto a video the element made, then and whenever they change). A video the
    /// element made on an earlier connection stays in its shadow root (with its playback state)
    /// and is used again, unless the host has since put its own video inside.
    fn adopt_video(&mut self, host: &HtmlElement, shadow: &ShadowRoot) -> HtmlVideoElement {
        let found = js::video_of(host, shadow);
        let video: HtmlVideoElement = found.get(0).unchecked_into();
        self.own_video = found.get(1).is_truthy();
        self.video = Some(video.clone());
        video
    }

    /// Playback started, paused or seeked: a paused video renders its frame now (and re-reads
    /// the layout: a style may have changed with no resize); a playing one has the frame loop.
    pub fn playback_changed(&mut self, outbox: &mut Vec<Outgoing>) {
        let Some(video) = &self.video else { return };
        if video.paused() || video.ended() {
            let time = video.current_time();
            self.relayout();
            self.refresh_program_clock();
            self.render(time, outbox);
        }
    }

    /// The intrinsic size, the element's box or fullscreen changed: the geometry changes.
    pub fn layout_changed(&mut self, outbox: &mut Vec<Outgoing>) {
        self.show_fullscreen();
        self.relayout();
        self.refresh_program_clock();
        let time = self.current_time();
        self.render(time, outbox);
    }

    /// Gives the stage the offset from media to program time that the browser
    /// (`getStartDate()`) or the host (`programTimeOffset`) knows now (`core::clock`).
    fn refresh_program_clock(&mut self) {
        let start_date = self.video.as_ref().map_or(f64::NAN, js::start_date);
        self.stage.set_program_offset(clock::program_offset(start_date, self.program_time_offset));
    }

    /// The host set `programTimeOffset` (`None`: cleared): program-time hotspots follow at once.
    pub fn set_program_time_offset(&mut self, offset: Option<f64>, outbox: &mut Vec<Outgoing>) {
        self.program_time_offset = offset;
        self.refresh_program_clock();
        let time = self.current_time();
        self.render(time, outbox);
    }

    /// The time to render at outside the frame loop: the video's, when paused.
    fn current_time(&self) -> f64 {
        match &self.video {
            Some(video) if video.paused() => video.current_time(),
            _ => self.presented_time,
        }
    }

    // ---- layout and frames ----------------------------------------------------------------

    /// Reads the layout facts (only when they may have changed) and lays the overlay over them.
    fn relayout(&mut self) {
        let (Some(host), Some(video), Some(overlay)) = (&self.host, &self.video, &self.overlay) else { return };
        // [width, height] of the video's content box, the video's intrinsic size, its controls.
        let mut sizes = [0.0; 5];
        self.fit = overlay.read_layout(host, video, &mut sizes, self.own_video);
        let [width, height, video_width, video_height, controls] = sizes;
        let controls = controls > 0.0;
        // "object-fit object-position": the fit is one word.
        let space = self.fit.bytes().position(|b| b == b' ').unwrap_or(self.fit.len());
        let (fit, position) = (self.fit.get(..space).unwrap_or(""), self.fit.get(space + 1..).unwrap_or(""));
        self.viewport = Viewport {
            video_width,
            video_height,
            box_width: width,
            box_height: height,
            fit: ObjectFit::parse(fit),
            position: ObjectPosition::parse(position),
        };
        // Narrow players, and players low above their control bar, start with the rail collapsed.
        let band = if controls { CONTROL_BAND_PX } else { 0.0 };
        let narrow = width > 0.0 && (width < NARROW_PX || height - band < LOW_PX);
        if narrow != self.narrow {
            self.narrow = narrow;
            self.apply_rail_mode();
        }
        self.read_covers();
    }

    /// A frame of the playing video. Every `STYLE_CHECK_FRAMES` frames it also checks the
    /// video's object-fit and object-position, which a page may change with a class and no resize.
    /// Tells screen readers, through the overlay's one polite live region, which products came
    /// into view: those of one moment together, at most one announcement every
    /// `ANNOUNCE_GAP_MS` (the rest wait for the next frame after it). A host turns it off with
    /// empty `new-in-view` and `new-in-view-count` strings.
    fn announce(&mut self) {
        if self.unannounced.is_empty() {
            return;
        }
        let now = js_sys::Date::now();
        if now - self.announced_at < ANNOUNCE_GAP_MS {
            return;
        }
        let titles: Vec<&str> = self.unannounced.iter().map(String::as_str).collect();
        let count = js::format_price(titles.len() as f64, "", &self.locale);
        let text = self.words.new_in_view(&titles, &count, self.plural(titles.len()));
        if let Some(overlay) = &self.overlay {
            if !text.is_empty() {
                overlay.announce(&text);
                self.announced_at = now;
            }
        }
        self.unannounced.clear();
    }

    /// Every `STYLE_CHECK_FRAMES` frames it also reads a native HLS stream's start date and the
    /// date ranges the stream's player added or dropped (no event tells: a cue added ahead of its
    /// time fires nothing until it is due).
    pub fn play_frame(&mut self, time: f64, outbox: &mut Vec<Outgoing>) {
        #[cfg(feature = "failure-hook")]
        if self.panic_on_frame {
            panic!("forced failure in a frame callback (test build)");
        }
        self.frames_since_style_check += 1;
        if self.frames_since_style_check >= STYLE_CHECK_FRAMES {
            self.frames_since_style_check = 0;
            if let Some(video) = &self.video {
                if js::fit_of(video) != self.fit {
                    self.relayout();
                }
            }
            self.refresh_program_clock();
            if self.read_date_ranges() {
                self.join_cues(outbox);
            }
        }
        self.render(time, outbox);
    }

    /// One frame: asks the stage what changed at `time` and applies it. A frame where nothing
    /// changed writes nothing.
    pub fn render(&mut self, time: f64, outbox: &mut Vec<Outgoing>) {
        self.render_frame(time, time, outbox);
    }

    /// `render` with the stage asked at `stage_time` and the events saying `time`. Only while
    /// connected: a disconnected element's stage shows nothing, so `connect` shows all anew.
    fn render_frame(&mut self, stage_time: f64, time: f64, outbox: &mut Vec<Outgoing>) {
        // Out of `self` for the frame, so the labels below can read the rest of it.
        let Some(mut overlay) = self.overlay.take() else { return };
        self.presented_time = time;
        self.stage.frame(stage_time, &self.viewport);
        self.moves.clear();
        let mut shown_or_hidden = false;
        for change in self.stage.changes() {
            match change {
                Change::Hide { slot, hotspot_id, product_id } => {
                    shown_or_hidden = true;
                    // Focus on a hotspot that ends moves to a stable control, never to the page.
                    overlay.hide_hotspot(*slot);
                    outbox.push(Outgoing::HotspotHide {
                        hotspot_id: hotspot_id.clone(),
                        product_id: product_id.clone(),
                        video_time: time,
                    });
                }
                Change::Show { slot, key, x, y } => {
                    shown_or_hidden = true;
                    let Some(hotspot) = self.stage.hotspot(*key) else { continue };
                    let product = self.stage.product(&hotspot.product);
                    let tag = hotspot.label.as_deref().unwrap_or("");
                    let label = product.map(|p| self.aria_label(p, tag)).unwrap_or_default();
                    overlay.show_hotspot(*slot, &hotspot.id, &hotspot.product, &label, tag);
                    push_move(&mut self.moves, *slot, *x, *y);
                    outbox.push(Outgoing::HotspotShow {
                        hotspot_id: hotspot.id.clone(),
                        product_id: hotspot.product.clone(),
                        video_time: time,
                    });
                    if let Some(product) = product {
                        self.analytics("view_item", product, outbox);
                        let title = product.display_name();
                        if !self.unannounced.iter().any(|t| t == title) {
                            self.unannounced.push(title.to_owned());
                        }
                    }
                }
                Change::Move { slot, x, y } => {
                    push_move(&mut self.moves, *slot, *x, *y);
                }
            }
        }
        overlay.place_hotspots(&self.moves);
        self.overlay = Some(overlay);
        self.announce();
        if shown_or_hidden {
            self.mark_rail();
        }
    }

    // ---- timeline, hotspots, products -------------------------------------------------------

    /// Puts a validated timeline on the stage, or reports why it was refused (the current one stays).
    pub fn load_timeline(&mut self, checked: Result<Timeline, Vec<validate::Problem>>, base_url: String, outbox: &mut Vec<Outgoing>) {
        match checked {
            Ok(timeline) => {
                self.stage.load(timeline);
                self.base_url = base_url;
                for cue in &mut self.cues {
                    if cue.status == CueStatus::Joined {
                        cue.status = CueStatus::Waiting;
                    }
                }
                self.join_cues(outbox);
                let (products, hotspots) = self.stage.counts();
                outbox.push(Outgoing::Ready { products, hotspots });
                if self.pinned.as_deref().is_some_and(|id| !self.stage.has_product(id)) {
                    self.pinned = None;
                }
                self.products_changed();
                let time = self.current_time();
                self.render(time, outbox);
            }
            Err(problems) => outbox.push(refused(problems)),
        }
    }

    pub fn add_hotspots(&mut self, hotspots: Vec<Hotspot>, outbox: &mut Vec<Outgoing>) {
        self.stage.add_hotspots(hotspots);
        let time = self.current_time();
        self.render(time, outbox);
    }

    pub fn remove_hotspots(&mut self, ids: &[String], outbox: &mut Vec<Outgoing>) {
        self.stage.remove_hotspots(ids);
        let time = self.current_time();
        self.render(time, outbox);
    }

    /// Touches only what shows the products given: their rail items (new ones appended), the
    /// labels of their visible hotspots, and the card or pinned card if it shows one of them.
    pub fn upsert_products(&mut self, products: Vec<Product>, outbox: &mut Vec<Outgoing>) {
        let upserted = self.stage.upsert_products(products);
        self.join_cues(outbox);
        for &slot in &upserted.relabeled {
            if let Some(key) = self.stage.visible_hotspot_at_slot(slot) {
                self.relabel(slot, key);
            }
        }
        for &at in &upserted.replaced {
            if let Some(product) = self.stage.products().get(at) {
                let entry = self.rail_entry(product);
                if let Some(overlay) = &self.overlay {
                    overlay.rail.set_item(at, &entry.as_entry(product));
                }
            }
        }
        for at in upserted.added.clone() {
            if let Some(product) = self.stage.products().get(at) {
                let entry = self.rail_entry(product);
                if let Some(overlay) = &mut self.overlay {
                    overlay.rail.append(&entry.as_entry(product));
                }
            }
        }
        self.show_rail_count();
        let products = self.stage.products();
        let replaced = |id: Option<&str>| id.is_some_and(|id| upserted.replaced.iter().any(|&at| products.get(at).is_some_and(|p| p.id == id)));
        let (card, pinned) = (replaced(self.card.as_ref().map(|open| open.product_id.as_str())), replaced(self.pinned.as_deref()));
        if card {
            self.refresh_card();
        }
        if pinned {
            self.refresh_pinned();
        }
        self.read_covers();
        self.mark_rail();
        let time = self.current_time();
        self.render(time, outbox);
    }

    /// A rail item's formatted price (the rest it borrows from the product and the words).
    fn rail_entry(&self, product: &Product) -> RailPrice {
        RailPrice(self.price_text(product), self.words.text(Message::SoldOut).to_owned())
    }

    /// The `locale` attribute changed (`None`: removed).
    pub fn set_locale_attr(&mut self, value: Option<String>) {
        self.locale_attr = value.filter(|locale| !crate::web::element::blank(locale));
        self.resolve_locale();
        self.words_changed();
    }

    /// The locale in effect: the attribute, else the nearest `lang` (while connected), else the browser's.
    fn resolve_locale(&mut self) {
        let locale = self.locale_attr.clone().unwrap_or_else(|| js::default_locale(self.host.as_ref()));
        self.words.set_locale(&locale);
        self.locale = locale;
    }

    /// The host's `strings` over the catalogs, as `[key, text, key, text, ...]`; `None` clears them.
    pub fn set_strings(&mut self, flat: Option<Vec<String>>) {
        match flat {
            Some(flat) => {
                self.words.replace_overrides(flat.chunks_exact(2).map(|pair| (pair[0].as_str(), pair[1].as_str())));
            }
            None => self.words.clear_overrides(),
        }
        self.words_changed();
    }

    /// Everything that shows the element's own words, after the locale or `strings` changed.
    fn words_changed(&mut self) {
        if let Some(overlay) = &self.overlay {
            overlay.show_words(&self.words);
        }
        self.show_fullscreen();
        self.products_changed();
    }

    /// `fullscreen-button`: "off" hides the toggle.
    pub fn set_fullscreen_button(&mut self, value: Option<&str>) {
        self.fullscreen_button = value != Some("off");
        self.show_fullscreen();
        self.read_covers();
    }

    /// The toggle: puts the element (video and overlay) in fullscreen, or takes it out.
    pub fn toggle_fullscreen(&self) {
        if let Some(host) = &self.host {
            js::toggle_fullscreen(host);
        }
        self.show_fullscreen();
    }

    /// Escape outside a card: leaves the viewport-filling fallback; true if it was on.
    pub fn leave_filled_viewport(&self) -> bool {
        let left = self.host.as_ref().is_some_and(js::leave_filled_viewport);
        self.show_fullscreen();
        left
    }

    /// Where the parts a hotspot may lie under are now (after one changed): see `Overlay::read_covers`.
    fn read_covers(&mut self) {
        if let Some(overlay) = &mut self.overlay {
            overlay.read_covers();
        }
    }

    fn show_fullscreen(&self) {
        if let (Some(overlay), Some(host)) = (&self.overlay, &self.host) {
            overlay.show_fullscreen(self.fullscreen_button, js::is_fullscreen(host));
        }
    }

    /// The words' plural category of `count` (for the catalog's language).
    fn plural(&self, count: usize) -> Plural {
        Plural::parse(&js::plural_of(self.words.lang(), count as f64)).unwrap_or(Plural::Other)
    }

    /// "Shop (12)" in the viewer's words and digits.
    fn shop_count(&self, count: usize) -> String {
        let digits = js::format_price(count as f64, "", &self.locale);
        self.words.format(Message::ShopCount, self.plural(count), &[("count", &digits)])
    }

    fn show_rail_count(&self) {
        let count = self.stage.products().len();
        if let Some(overlay) = &self.overlay {
            overlay.rail.show_count(count, &self.shop_count(count));
        }
    }

    /// Everything that shows product text or prices, after products, locale or currency changed.
    pub fn products_changed(&mut self) {
        for (slot, key) in self.stage.visible() {
            self.relabel(slot, key);
        }
        self.refresh_card();
        self.refresh_pinned();
        self.fill_rail();
        self.read_covers();
    }

    fn currency_for<'a>(&'a self, product: &'a Product) -> Option<&'a str> {
        product.currency.as_deref().or(self.fallback_currency())
    }

    /// The currency of products that name none: the timeline's, else the `currency` attribute.
    fn fallback_currency(&self) -> Option<&str> {
        self.stage.currency().or(self.currency_attr.as_deref())
    }

    fn format_price(&self, amount: f64, product: &Product) -> String {
        js::format_price(amount, self.currency_for(product).unwrap_or(""), &self.locale)
    }

    fn price_text(&self, product: &Product) -> String {
        product.price.map(|price| self.format_price(price, product)).unwrap_or_default()
    }

    /// Names the shown hotspot `key` in `slot` anew (its product, the locale or the words changed).
    fn relabel(&self, slot: usize, key: Key) {
        let (Some(overlay), Some(hotspot)) = (&self.overlay, self.stage.hotspot(key)) else { return };
        if let Some(product) = self.stage.product(&hotspot.product) {
            overlay.label_hotspot(slot, &self.aria_label(product, hotspot.label.as_deref().unwrap_or("")));
        }
    }

    /// A hotspot's accessible name: its visible tag first, then "Cloisonne vase, CN¥1,280.00",
    /// the price it was, and "Sold out" when it is (in the viewer's words).
    fn aria_label(&self, product: &Product, tag: &str) -> String {
        let price = self.price_text(product);
        let original_price = product.original_price.map(|p| self.format_price(p, product)).unwrap_or_default();
        self.words.product_name(&ProductText {
            tag,
            title: product.display_name(),
            price: &price,
            original_price: &original_price,
            available: product.available,
        })
    }

    // ---- WebVTT metadata cues ---------------------------------------------------------------

    /// Reads cues not seen before from the video's "shoppable" metadata tracks, and joins them.
    /// Answers the tracks to listen to when they changed.
    pub fn read_cues(&mut self, outbox: &mut Vec<Outgoing>) -> Option<Array> {
        let video = self.video.as_ref()?;
        let tracks = js::shoppable_tracks(video);
        let changed = tracks.length() != self.tracks_watched;
        self.tracks_watched = tracks.length();
        for track in tracks.iter() {
            for cue in js::take_new_cues(&track).iter() {
                self.take_cue(cue, false);
            }
        }
        if self.read_date_ranges() || self.cues.iter().any(|cue| cue.status == CueStatus::Waiting) {
            self.join_cues(outbox);
            let time = self.current_time();
            self.render(time, outbox);
        }
        changed.then_some(tracks)
    }

    /// Keeps a cue (`[n, id, start, end, text]` from `takeNewCues` or `takeDateRanges`) to join.
    fn take_cue(&mut self, cue: JsValue, date_range: bool) {
        let cue: Array = cue.unchecked_into();
        let number = cue.get(0).as_f64().unwrap_or(0.0) as u32;
        let id = cue.get(1).as_string().filter(|id| !id.is_empty());
        let (default_id, path) = if date_range {
            let id = id.unwrap_or_else(|| format!("daterange-{number}"));
            let path = daterange::path(&id);
            (id, path)
        } else {
            (id.unwrap_or_else(|| format!("vtt-{number}")), format!("cues[{}]", number.saturating_sub(1)))
        };
        self.cues.push(CueHotspot {
            default_id,
            start: cue.get(2).as_f64().unwrap_or(f64::NAN),
            end: cue.get(3).as_f64().unwrap_or(f64::NAN),
            text: cue.get(4).as_string(),
            path,
            status: CueStatus::Waiting,
            date_range: date_range.then_some(number),
        });
    }

    /// Takes the HLS date ranges the video's player added, and drops those whose cue is gone
    /// (the range left the live playlist) with their hotspot. True when any came or went (the
    /// caller joins and renders).
    fn read_date_ranges(&mut self) -> bool {
        let Some(video) = &self.video else { return false };
        let answer = js::take_date_ranges(video);
        let (added, removed): (Array, Array) = (answer.get(0).unchecked_into(), answer.get(1).unchecked_into());
        for cue in added.iter() {
            self.take_cue(cue, true);
        }
        for number in removed.iter() {
            let number = number.as_f64().map(|n| n as u32);
            let Some(at) = self.cues.iter().position(|cue| cue.date_range.is_some() && cue.date_range == number) else { continue };
            let cue = self.cues.swap_remove(at);
            if cue.status == CueStatus::Joined {
                self.stage.remove_hotspots(&[cue.default_id]);
            }
        }
        added.length() + removed.length() > 0
    }

    /// Puts waiting cue hotspots on the stage. One whose product is not known yet keeps waiting
    /// (products may come later); any other problem is reported once.
    fn join_cues(&mut self, outbox: &mut Vec<Outgoing>) {
        let mut joined = Vec::new();
        let mut problems = Vec::new();
        for cue in self.cues.iter_mut().filter(|cue| cue.status == CueStatus::Waiting) {
            let text = match cue.date_range {
                None => cue.text.as_deref().unwrap_or_default(),
                Some(_) => match daterange::hotspot_text(&cue.path, cue.end, cue.text.as_deref()) {
                    Ok(text) => text,
                    Err(problem) => {
                        cue.status = CueStatus::Rejected;
                        problems.push(problem);
                        continue;
                    }
                },
            };
            let stage = &self.stage;
            let taken = |id: &str| stage.has_hotspot(id) || joined.iter().any(|h: &Hotspot| h.id == id);
            let facts = Cue { default_id: &cue.default_id, start: cue.start, end: cue.end };
            match validate::hotspot_from_cue_text(text, &text_options(), facts, &cue.path, &|id| stage.has_product(id), &taken) {
                Ok(hotspot) => {
                    cue.status = CueStatus::Joined;
                    cue.default_id.clone_from(&hotspot.id);
                    joined.push(hotspot);
                }
                Err(found) if found.iter().all(|p| p.path.ends_with(".product") && p.message.starts_with("unknown")) => {}
                Err(found) => {
                    cue.status = CueStatus::Rejected;
                    problems.extend(found);
                }
            }
        }
        if !joined.is_empty() {
            self.stage.add_hotspots(joined);
        }
        if !problems.is_empty() {
            outbox.push(refused(problems));
        }
    }

    // ---- the card, the pinned product, the rail ---------------------------------------------

    pub fn tap_hotspot(&mut self, slot: usize, outbox: &mut Vec<Outgoing>) {
        let Some(key) = self.stage.visible_hotspot_at_slot(slot) else { return };
        let Some(hotspot) = self.stage.hotspot(key) else { return };
        let (product_id, hotspot_id) = (hotspot.product.clone(), hotspot.id.clone());
        let position = self.stage.normalized_position(key);
        if self.tap_action == TapAction::Intent {
            let open = OpenCard {
                product_id,
                hotspot_id: Some(hotspot_id),
                source: Source::Hotspot,
                video_time: self.presented_time,
                position,
            };
            self.select(&open, outbox);
            let control = Control::new(Action::BuyNow, Source::Hotspot, u64::from(key));
            self.emit_intent(Action::BuyNow, &open, control, Surface::None, outbox);
            return;
        }
        self.open_card(product_id, Some(hotspot_id), Source::Hotspot, position, outbox);
    }

    /// Opens the product card (from a hotspot or the rail) and tells the host.
    pub fn open_card(
        &mut self,
        product_id: String,
        hotspot_id: Option<String>,
        source: Source,
        position: Option<Point>,
        outbox: &mut Vec<Outgoing>,
    ) {
        if !self.stage.has_product(&product_id) {
            return;
        }
        let open = OpenCard { product_id, hotspot_id, source, video_time: self.presented_time, position };
        self.select(&open, outbox);
        self.card = Some(open);
        if self.refresh_card() {
            if let Some(overlay) = &self.overlay {
                overlay.card.open();
            }
            self.show_awaited(Surface::Card);
        }
    }

    fn select(&self, open: &OpenCard, outbox: &mut Vec<Outgoing>) {
        outbox.push(Outgoing::Select {
            product_id: open.product_id.clone(),
            hotspot_id: open.hotspot_id.clone(),
            source: open.source,
            video_time: open.video_time,
        });
        if let Some(product) = self.stage.product(&open.product_id) {
            self.analytics("select_item", product, outbox);
        }
    }

    /// Fills the card for its product (after it opened or its product changed); false when
    /// there is no card or its product is gone.
    fn refresh_card(&mut self) -> bool {
        let Some(open) = &self.card else { return false };
        let Some(product) = self.stage.product(&open.product_id) else {
            self.close_card();
            return false;
        };
        let price = self.price_text(product);
        let original_price = product.original_price.map(|p| self.format_price(p, product)).unwrap_or_default();
        let image = product.image.as_deref().map(|url| js::resolve_http_url(url, &self.base_url)).unwrap_or_default();
        let view = CardView {
            title: product.display_name(),
            price: &price,
            original_price: &original_price,
            description: product.description.as_deref().unwrap_or(""),
            image: &image,
            available: product.available,
            sold_out: self.words.text(Message::SoldOut),
        };
        let filled = self.overlay.as_ref().map(|overlay| overlay.card.fill(&view)).is_some();
        self.show_awaited(Surface::Card);
        filled
    }

    /// Closes the card. Focus that was in it goes back to what opened it: the same hotspot (by
    /// id, wherever it is now), the rail item or the pinned title; when that is gone, to a
    /// stable control of the element, never to the page. False if no card was open.
    pub fn close_card(&mut self) -> bool {
        let open = self.card.take();
        let Some(overlay) = &self.overlay else { return false };
        let opener = match open {
            Some(open) => match open.source {
                Source::Hotspot => open
                    .hotspot_id
                    .and_then(|id| self.stage.visible().find(|&(_, key)| self.stage.hotspot(key).is_some_and(|h| h.id == id)))
                    .map_or(Opener::None, |(slot, _)| Opener::Hotspot(slot)),
                Source::Rail => Opener::RailItem(overlay.rail.position(&open.product_id)),
                Source::Pinned => Opener::PinnedTitle,
            },
            None => Opener::None,
        };
        overlay.card.close(opener)
    }

    pub fn pin(&mut self, product_id: Option<String>) {
        self.pinned = product_id;
        self.refresh_pinned();
        self.read_covers();
    }

    /// The viewer opened the pinned product: its card, with `source: "pinned"`.
    pub fn open_pinned(&mut self, outbox: &mut Vec<Outgoing>) {
        if let Some(product_id) = self.pinned.clone() {
            self.open_card(product_id, None, Source::Pinned, None, outbox);
        }
    }

    fn refresh_pinned(&self) {
        let Some(overlay) = &self.overlay else { return };
        let product = self.pinned.as_deref().and_then(|id| self.stage.product(id));
        match product {
            Some(product) => {
                let price = self.price_text(product);
                let title = product.display_name();
                overlay.pinned.show(Some(PinnedView {
                    title,
                    price: &price,
                    available: product.available,
                    sold_out: self.words.text(Message::SoldOut),
                    buy_name: &self.words.product_action(Message::Buy, title),
                    add_name: &self.words.product_action(Message::AddToCart, title),
                }));
            }
            None => overlay.pinned.show(None),
        }
        self.show_awaited(Surface::Pinned);
    }

    fn fill_rail(&mut self) {
        let prices: Vec<RailPrice> = self.stage.products().iter().map(|p| self.rail_entry(p)).collect();
        let entries: Vec<RailEntry> =
            self.stage.products().iter().zip(&prices).map(|(product, price)| price.as_entry(product)).collect();
        if let Some(overlay) = &mut self.overlay {
            overlay.rail.fill(&entries);
        }
        self.show_rail_count();
        self.mark_rail();
        self.apply_rail_mode();
    }

    /// `aria-current` on the rail items whose product has a visible hotspot.
    fn mark_rail(&mut self) {
        let Some(overlay) = &mut self.overlay else { return };
        // At most `MAX_VISIBLE` visible hotspots: a list beats sorting (and keeps std's sort out
        // of the Wasm).
        let stage = &self.stage;
        let active: Vec<&str> = stage.visible().filter_map(|(_, key)| stage.hotspot(key).map(|h| h.product.as_str())).collect();
        overlay.rail.mark(&active);
    }

    pub fn apply_rail_mode(&self) {
        let expanded = self.rail_toggled.unwrap_or(match self.rail_mode {
            RailMode::Open => true,
            RailMode::Closed => false,
            RailMode::Auto => !self.narrow,
        });
        if let Some(overlay) = &self.overlay {
            overlay.rail.set_expanded(expanded);
        }
    }

    /// The `rail` attribute changed.
    pub fn rail_mode_changed(&mut self) {
        self.apply_rail_mode();
        self.read_covers();
    }

    pub fn toggle_rail(&mut self) {
        let Some(overlay) = &self.overlay else { return };
        self.rail_toggled = Some(!overlay.rail.is_expanded());
        self.apply_rail_mode();
        self.read_covers();
    }

    // ---- intents ----------------------------------------------------------------------------

    /// A buy or add-to-cart button of the card or of the pinned card.
    pub fn button_intent(&mut self, action: Action, pinned: bool, outbox: &mut Vec<Outgoing>) {
        let (open, surface) = if pinned {
            let Some(product_id) = self.pinned.clone() else { return };
            let open = OpenCard {
                product_id,
                hotspot_id: None,
                source: Source::Pinned,
                video_time: self.presented_time,
                position: None,
            };
            (open, Surface::Pinned)
        } else {
            let Some(open) = self.card.take() else { return };
            (open, Surface::Card)
        };
        let control = Control::for_product(action, open.source, &open.product_id);
        self.emit_intent(action, &open, control, surface, outbox);
        if surface == Surface::Card {
            self.card = Some(open);
        }
    }

    /// Queues an intent unless the product cannot be bought or the same control fired < 500 ms ago.
    fn emit_intent(&mut self, action: Action, open: &OpenCard, control: Control, surface: Surface, outbox: &mut Vec<Outgoing>) {
        let Some(product) = self.stage.product(&open.product_id) else { return };
        if !intent::can_buy(product) || self.is_awaited(surface, action, &open.product_id) {
            return;
        }
        let now = js_sys::Date::now();
        if !self.repeat_guard.allow(control, now) {
            return;
        }
        let id = js::random_uuid();
        let intent = intent::intent(
            id,
            action,
            product,
            self.fallback_currency(),
            open.hotspot_id.clone(),
            open.source,
            open.video_time,
            open.position,
            now,
        );
        self.set_status(surface, "");
        // The page the default action opens: the product's as it is now, when the event is made.
        let url = product.url.as_deref().map(|url| js::resolve_http_url(url, &self.base_url)).filter(|url| !url.is_empty());
        outbox.push(Outgoing::Intent { intent, surface, url });
        let event = match action {
            Action::BuyNow => "begin_checkout",
            Action::AddToCart => "add_to_cart",
        };
        self.analytics(event, product, outbox);
    }

    fn set_status(&self, surface: Surface, text: &str) {
        let Some(overlay) = &self.overlay else { return };
        match surface {
            Surface::Card => overlay.card.set_status(text),
            Surface::Pinned => overlay.pinned.set_status(text),
            Surface::None => {}
        }
    }

    /// The product a surface shows now, if any.
    fn shown_product(&self, surface: Surface) -> Option<&str> {
        match surface {
            Surface::Card => self.card.as_ref().map(|open| open.product_id.as_str()),
            Surface::Pinned => self.pinned.as_deref(),
            Surface::None => None,
        }
    }

    fn is_awaited(&self, surface: Surface, action: Action, product_id: &str) -> bool {
        self.awaiting.iter().any(|a| a.surface == surface && a.action == action && a.product_id == product_id)
    }

    /// The host answers an intent through `respondWith`: its button is busy until it settles.
    pub fn await_answer(&mut self, surface: Surface, action: Action, product_id: String, intent_id: String) {
        if surface != Surface::None {
            self.awaiting.push(Awaited { surface, action, product_id, intent_id });
            self.show_awaited(surface);
        }
    }

    /// Marks the surface's buttons busy for the answers it still awaits for the product it
    /// shows (after it was filled anew, or another product took its place).
    fn show_awaited(&self, surface: Surface) {
        let Some(product_id) = self.shown_product(surface) else { return };
        let available = self.stage.product(product_id).is_some_and(|p| p.available);
        let mut busy = false;
        for action in [Action::BuyNow, Action::AddToCart] {
            let awaited = self.is_awaited(surface, action, product_id);
            if let Some(overlay) = &self.overlay {
                overlay.show_pending(surface == Surface::Pinned, action == Action::AddToCart, awaited, available);
            }
            busy |= awaited;
        }
        if busy {
            self.set_status(surface, self.words.text(Message::Adding));
        }
    }

    /// The host's answer to `respondWith`: "added", or the reason it was refused. Shown only
    /// where the product it concerns is still shown.
    pub fn settle(&mut self, intent_id: &str, ok: bool, reason: &str) {
        let Some(at) = self.awaiting.iter().position(|a| a.intent_id == intent_id) else { return };
        let answered = self.awaiting.remove(at);
        if self.shown_product(answered.surface) != Some(answered.product_id.as_str()) {
            return;
        }
        self.show_awaited(answered.surface);
        if self.is_awaited(answered.surface, answered.action, &answered.product_id) {
            return;
        }
        let text = match (ok, reason.is_empty()) {
            (true, _) => self.words.text(Message::Added),
            (false, false) => reason,
            (false, true) => self.words.text(Message::NotAdded),
        };
        self.set_status(answered.surface, text);
    }

    /// Without `respondWith`: says where the viewer's intent went.
    pub fn show_outcome(&self, surface: Surface, opened: bool) {
        self.set_status(surface, if opened { self.words.text(Message::OpenedInNewTab) } else { "" });
    }

    /// Queues an analytics ecommerce event (only with the `datalayer` attribute).
    fn analytics(&self, event: &'static str, product: &Product, outbox: &mut Vec<Outgoing>) {
        if !self.datalayer {
            return;
        }
        let item = intent::item_for(product, self.fallback_currency(), 1);
        outbox.push(Outgoing::DataLayer { event, currency: item.currency.clone(), value: item.price, item });
    }
}

/// Queues a move for `placeHotspots` (`[slot, x, y, ...]`), in CSS px to 1/100 px: far finer
/// than a device pixel, and short to print and to parse (the browser turns every move into
/// text and back).
fn push_move(moves: &mut Vec<f64>, slot: usize, x: f64, y: f64) {
    let css_px = |px: f64| (px * 100.0).round() / 100.0;
    moves.extend_from_slice(&[slot as f64, css_px(x), css_px(y)]);
}

/// A rail item's price, formatted, until it becomes a `RailEntry` with its product.
struct RailPrice(String, String);

impl RailPrice {
    fn as_entry<'a>(&'a self, product: &'a Product) -> RailEntry<'a> {
        RailEntry { product_id: &product.id, title: product.display_name(), price: &self.0, available: product.available, sold_out: &self.1 }
    }
}
