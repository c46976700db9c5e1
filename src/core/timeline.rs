//! The timeline document model (CONTRACT.md section 3), after validation.
//!
//! These types only ever hold data that passed `validate`: every time is finite and
//! non-negative, every coordinate is in [0, 1], keyframes are ordered. Code downstream
//! (index, motion, stage) relies on that and does not re-check.
//! Nothing here touches the browser.

/// Limits from the contract.
pub const MAX_HOTSPOTS: usize = 100_000;
pub const MAX_PRODUCTS: usize = 10_000;
/// Longest string accepted, in characters.
pub const MAX_STRING_CHARS: usize = 2_000;
/// Validation stops collecting problems after this many (the list says it was cut).
pub const MAX_PROBLEMS: usize = 100;

pub use super::clock::Clock;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// The clock of hotspots that name none: the timeline's, and those added at run time.
    pub clock: Clock,
    /// Default ISO 4217 currency for products that give none.
    pub currency: Option<String>,
    pub products: Vec<Product>,
    pub hotspots: Vec<Hotspot>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: String,
    pub title: Option<String>,
    pub price: Option<f64>,
    pub currency: Option<String>,
    /// As written in the document: absolute http(s) or relative (resolved by the browser).
    pub url: Option<String>,
    pub image: Option<String>,
    pub sku: Option<String>,
    pub brand: Option<String>,
    pub variant: Option<String>,
    pub description: Option<String>,
    pub original_price: Option<f64>,
    /// `available: false` shows the product as sold out; absent means available.
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hotspot {
    pub id: String,
    /// The id of a product of the timeline.
    pub product: String,
    /// Visible while `start <= t < end`, `t` the presented frame's time in `clock`.
    pub start: f64,
    pub end: f64,
    /// What `start`, `end` and keyframe times are seconds of.
    pub clock: Clock,
    pub motion: Motion,
    pub label: Option<String>,
}

/// Where a hotspot is: one fixed point, or keyframes with an easing between them.
#[derive(Debug, Clone, PartialEq)]
pub enum Motion {
    Fixed(Point),
    Keyframes { easing: Easing, keyframes: Vec<Keyframe> },
}

/// A point in the video's own frame: (0,0) top-left, (1,1) bottom-right.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyframe {
    pub t: f64,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Easing {
    #[default]
    Linear,
    Step,
    EaseInOut,
}

impl Easing {
    pub fn from_name(name: &str) -> Option<Easing> {
        match name {
            "linear" => Some(Easing::Linear),
            "step" => Some(Easing::Step),
            "ease-in-out" => Some(Easing::EaseInOut),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Easing::Linear => "linear",
            Easing::Step => "step",
            Easing::EaseInOut => "ease-in-out",
        }
    }
}

impl Product {
    /// A product with only an id: the base the validator fills in.
    pub fn with_id(id: impl Into<String>) -> Product {
        Product {
            id: id.into(),
            title: None,
            price: None,
            currency: None,
            url: None,
            image: None,
            sku: None,
            brand: None,
            variant: None,
            description: None,
            original_price: None,
            available: true,
        }
    }

    /// What to call the product on screen and in analytics: its title, else its id.
    pub fn display_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}
