//! From a point of the video's own frame to CSS pixels on screen (CONTRACT.md section 2, Media).
//!
//! Owns the CSS `object-fit` / `object-position` arithmetic: where inside the video element's
//! content box the picture is drawn, and which part of it is visible. Getting this wrong is the
//! classic overlay bug (hotspots placed in the element's box instead of the picture's, so they
//! drift in letterboxes), so it is exact CSS and tested by table.
//! It must never read layout itself: the browser layer hands it the sizes and the computed style
//! strings, once per resize, and this module only computes. No allocation, no panics.

use super::timeline::Point;

/// Points this close (CSS px) outside the visible area still count as inside: the picture's
/// edges are computed in floating point, and a point at x = 1 of a `contain`ed picture must not
/// vanish because the scaled width came out one ulp wider than the box. A millionth of a pixel
/// is far below anything a viewer could see.
const EDGE_TOLERANCE_PX: f64 = 1e-6;

/// The CSS `object-fit` of the video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ObjectFit {
    /// Stretch the picture to the box (the CSS initial value).
    #[default]
    Fill,
    /// Scale uniformly so the whole picture fits: letterbox or pillarbox bars.
    Contain,
    /// Scale uniformly so the picture covers the box: the overflow is cropped.
    Cover,
    /// Draw at intrinsic size.
    None,
    /// The smaller of `none` and `contain`.
    ScaleDown,
}

impl ObjectFit {
    /// Parses a computed `object-fit` value; anything unknown is `fill`, the CSS initial value.
    pub fn parse(s: &str) -> ObjectFit {
        let s = s.trim_ascii();
        let is = |name: &str| s.eq_ignore_ascii_case(name);
        if is("contain") {
            ObjectFit::Contain
        } else if is("cover") {
            ObjectFit::Cover
        } else if is("none") {
            ObjectFit::None
        } else if is("scale-down") {
            ObjectFit::ScaleDown
        } else {
            ObjectFit::Fill
        }
    }
}

/// Where the picture sits along one axis: `fraction` of the free space (box minus picture, which
/// is negative when the picture overflows) plus `px`, measured from the start (left/top), or
/// from the end (right/bottom) when `from_end`. CSS `right 10px` is `{ 0, 10, from_end }`;
/// `calc(50% + 10px)` is `{ 0.5, 10, !from_end }`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxisPosition {
    pub fraction: f64,
    pub px: f64,
    pub from_end: bool,
}

impl AxisPosition {
    pub const START: AxisPosition = AxisPosition::from_start(0.0, 0.0);
    pub const CENTER: AxisPosition = AxisPosition::from_start(0.5, 0.0);
    pub const END: AxisPosition = AxisPosition::from_start(1.0, 0.0);

    pub const fn from_start(fraction: f64, px: f64) -> AxisPosition {
        AxisPosition {
            fraction,
            px,
            from_end: false,
        }
    }

    pub const fn from_end(fraction: f64, px: f64) -> AxisPosition {
        AxisPosition {
            fraction,
            px,
            from_end: true,
        }
    }

    /// The picture's offset from the box's start edge, given the free space (box - picture).
    pub fn offset(&self, free: f64) -> f64 {
        let along = free * self.fraction + self.px;
        if self.from_end {
            free - along
        } else {
            along
        }
    }
}

impl Default for AxisPosition {
    fn default() -> AxisPosition {
        AxisPosition::CENTER
    }
}

/// The CSS `object-position` of the video. Default: centre (`50% 50%`, the CSS initial value).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ObjectPosition {
    pub x: AxisPosition,
    pub y: AxisPosition,
}

impl ObjectPosition {
    pub const CENTER: ObjectPosition = ObjectPosition {
        x: AxisPosition::CENTER,
        y: AxisPosition::CENTER,
    };

    /// Parses what `getComputedStyle(video).objectPosition` returns ("50% 50%", "0px 0px",
    /// "right 10px bottom 20px", "calc(50% + 10px) 0px", …) and the author syntaxes of CSS
    /// `<position>` (one to four values, keywords in either order). Lengths must be px, the only
    /// unit a computed value holds. Anything unparseable is the centre.
    pub fn parse(s: &str) -> ObjectPosition {
        parse_position(s).unwrap_or(ObjectPosition::CENTER)
    }
}

/// A box in CSS px, relative to the video's content box.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The facts geometry needs, read by the browser layer when they can have changed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Viewport {
    /// The intrinsic size: `videoWidth` × `videoHeight` (0 until metadata is loaded).
    pub video_width: f64,
    pub video_height: f64,
    /// The video element's content box, in CSS px.
    pub box_width: f64,
    pub box_height: f64,
    pub fit: ObjectFit,
    pub position: ObjectPosition,
}

impl Viewport {
    /// Where, in box px, the full picture is drawn (it may extend past the box); `None` while
    /// any size is zero, negative or not finite.
    pub fn picture(&self) -> Option<Rect> {
        self.projection().map(|p| p.picture)
    }

    /// The on-screen point (box px) of a normalized video-frame point, or `None` when it falls
    /// outside the visible part of the picture (cropped by `cover`, or by `none` in a small box;
    /// the boundary counts as visible) or while sizes are unknown.
    pub fn map(&self, p: Point) -> Option<(f64, f64)> {
        self.projection()?.map(p)
    }

    /// The picture rect and the visible area, computed once and reused for many points.
    pub fn projection(&self) -> Option<Projection> {
        let sizes = [
            self.video_width,
            self.video_height,
            self.box_width,
            self.box_height,
        ];
        if !sizes.iter().all(|v| v.is_finite() && *v > 0.0) {
            return None;
        }
        let (vw, vh, bw, bh) = (
            self.video_width,
            self.video_height,
            self.box_width,
            self.box_height,
        );
        let contain = (bw / vw).min(bh / vh);
        let (width, height) = match self.fit {
            ObjectFit::Fill => (bw, bh),
            ObjectFit::Contain => (vw * contain, vh * contain),
            ObjectFit::Cover => {
                let cover = (bw / vw).max(bh / vh);
                (vw * cover, vh * cover)
            }
            ObjectFit::None => (vw, vh),
            ObjectFit::ScaleDown => {
                let scale = contain.min(1.0);
                (vw * scale, vh * scale)
            }
        };
        let picture = Rect {
            x: self.position.x.offset(bw - width),
            y: self.position.y.offset(bh - height),
            width,
            height,
        };
        let usable = [picture.x, picture.y, picture.width, picture.height]
            .iter()
            .all(|v| v.is_finite())
            && width > 0.0
            && height > 0.0;
        if !usable {
            return None;
        }
        // The visible area: the picture clipped by the box (the video element clips its content).
        let left = picture.x.max(0.0);
        let top = picture.y.max(0.0);
        let right = (picture.x + width).min(bw);
        let bottom = (picture.y + height).min(bh);
        Some(Projection {
            picture,
            visible: Rect {
                x: left,
                y: top,
                width: right - left,
                height: bottom - top,
            },
        })
    }
}

/// A resolved viewport: the picture rect and its visible part, both in box px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub picture: Rect,
    /// The intersection of the picture and the box; empty (negative size) when they do not meet.
    pub visible: Rect,
}

impl Projection {
    /// See [`Viewport::map`].
    pub fn map(&self, p: Point) -> Option<(f64, f64)> {
        let x = self.picture.x + p.x * self.picture.width;
        let y = self.picture.y + p.y * self.picture.height;
        let v = &self.visible;
        let inside = |value: f64, start: f64, size: f64| {
            value >= start - EDGE_TOLERANCE_PX && value <= start + size + EDGE_TOLERANCE_PX
        };
        // A NaN coordinate fails both comparisons, so it is never shown.
        if inside(x, v.x, v.width) && inside(y, v.y, v.height) {
            Some((x, y))
        } else {
            None
        }
    }
}

// ---- object-position parsing ----

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Left,
    Right,
    Top,
    Bottom,
    Center,
    /// A <length-percentage>: fraction of the free space plus px.
    Offset(f64, f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Axis {
    X,
    Y,
}

impl Token {
    /// The axis a keyword names; `None` for `center` and offsets, which fit either.
    fn axis(self) -> Option<Axis> {
        match self {
            Token::Left | Token::Right => Some(Axis::X),
            Token::Top | Token::Bottom => Some(Axis::Y),
            Token::Center | Token::Offset(..) => None,
        }
    }

    /// The position of a keyword (or offset) standing alone.
    fn position(self) -> AxisPosition {
        match self {
            Token::Left | Token::Top => AxisPosition::START,
            Token::Right | Token::Bottom => AxisPosition::END,
            Token::Center => AxisPosition::CENTER,
            Token::Offset(fraction, px) => AxisPosition::from_start(fraction, px),
        }
    }

    /// A keyword followed by an offset (`right 10px`); `center` takes none.
    fn with_offset(self, offset: Token) -> Option<AxisPosition> {
        let Token::Offset(fraction, px) = offset else {
            return None;
        };
        match self {
            Token::Left | Token::Top => Some(AxisPosition::from_start(fraction, px)),
            Token::Right | Token::Bottom => Some(AxisPosition::from_end(fraction, px)),
            Token::Center | Token::Offset(..) => None,
        }
    }
}

/// A keyword with its optional offset, in the 3- and 4-value syntaxes.
#[derive(Clone, Copy)]
struct Edge {
    keyword: Token,
    position: AxisPosition,
}

fn parse_position(s: &str) -> Option<ObjectPosition> {
    let mut tokens = [Token::Center; 4];
    let mut count = 0;
    for word in split_top_level(s) {
        let slot = tokens.get_mut(count)?;
        *slot = parse_token(word)?;
        count += 1;
    }
    match tokens.get(..count)? {
        [one] => Some(match one.axis() {
            Some(Axis::Y) => ObjectPosition {
                x: AxisPosition::CENTER,
                y: one.position(),
            },
            _ => ObjectPosition {
                x: one.position(),
                y: AxisPosition::CENTER,
            },
        }),
        [a, b] => {
            let is_offset = |t: &Token| matches!(t, Token::Offset(..));
            if is_offset(a) || is_offset(b) {
                // With an offset the order is fixed: horizontal first.
                if a.axis() == Some(Axis::Y) || b.axis() == Some(Axis::X) {
                    return None;
                }
                return Some(ObjectPosition {
                    x: a.position(),
                    y: b.position(),
                });
            }
            pair(edge(*a, None)?, edge(*b, None)?)
        }
        [a, b, c] => match (b, c) {
            (Token::Offset(..), _) => pair(edge(*a, Some(*b))?, edge(*c, None)?),
            (_, Token::Offset(..)) => pair(edge(*a, None)?, edge(*b, Some(*c))?),
            _ => None,
        },
        [a, b, c, d] => pair(edge(*a, Some(*b))?, edge(*c, Some(*d))?),
        _ => None,
    }
}

fn edge(keyword: Token, offset: Option<Token>) -> Option<Edge> {
    if matches!(keyword, Token::Offset(..)) {
        return None;
    }
    let position = match offset {
        Some(offset) => keyword.with_offset(offset)?,
        None => keyword.position(),
    };
    Some(Edge { keyword, position })
}

/// Two keyword edges in either order (`left top`, `top left`, `bottom 20px right 10px`).
fn pair(a: Edge, b: Edge) -> Option<ObjectPosition> {
    match (a.keyword.axis(), b.keyword.axis()) {
        (Some(first), Some(second)) if first == second => None,
        (Some(Axis::Y), _) | (_, Some(Axis::X)) => Some(ObjectPosition {
            x: b.position,
            y: a.position,
        }),
        _ => Some(ObjectPosition {
            x: a.position,
            y: b.position,
        }),
    }
}

fn parse_token(word: &str) -> Option<Token> {
    let keyword = |name: &str| word.eq_ignore_ascii_case(name);
    if keyword("left") {
        Some(Token::Left)
    } else if keyword("right") {
        Some(Token::Right)
    } else if keyword("top") {
        Some(Token::Top)
    } else if keyword("bottom") {
        Some(Token::Bottom)
    } else if keyword("center") {
        Some(Token::Center)
    } else {
        let (fraction, px) = parse_length_percentage(word)?;
        Some(Token::Offset(fraction, px))
    }
}

/// `50%`, `10px`, `0`, or `calc()` of a sum of those (`calc(100% - 10px)`).
fn parse_length_percentage(word: &str) -> Option<(f64, f64)> {
    let inner = strip_prefix_ignore_case(word, "calc(").and_then(|rest| rest.strip_suffix(')'));
    match inner {
        Some(sum) => parse_sum(sum),
        None => parse_term(word),
    }
}

/// `a + b - c …` with whitespace around the operators, as CSS requires and Chromium writes.
/// Parentheses around a term or sub-sum are accepted (`calc(100% - (10px + 5px))`).
fn parse_sum(sum: &str) -> Option<(f64, f64)> {
    let mut fraction = 0.0;
    let mut px = 0.0;
    let mut sign = Some(1.0);
    for word in split_top_level(sum) {
        match (sign, word) {
            (None, "+") => sign = Some(1.0),
            (None, "-") => sign = Some(-1.0),
            (Some(s), term) => {
                let (f, p) = match term.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
                    Some(group) => parse_sum(group)?,
                    None => parse_length_percentage(term)?,
                };
                fraction += s * f;
                px += s * p;
                sign = None;
            }
            (None, _) => return None,
        }
    }
    // A sum must end on a term, and not be empty.
    if sign.is_some() || !fraction.is_finite() || !px.is_finite() {
        return None;
    }
    Some((fraction, px))
}

fn parse_term(word: &str) -> Option<(f64, f64)> {
    if let Some(number) = word.strip_suffix('%') {
        return Some((parse_number(number)? / 100.0, 0.0));
    }
    if let Some(number) = strip_suffix_ignore_case(word, "px") {
        return Some((0.0, parse_number(number)?));
    }
    // A unitless zero is a valid length.
    (parse_number(word)? == 0.0).then_some((0.0, 0.0))
}

/// A CSS number: finite, no `inf`/`nan` words (which Rust's parser would accept).
fn parse_number(s: &str) -> Option<f64> {
    super::number::parse_css_number(s)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    if tail.eq_ignore_ascii_case(suffix) {
        s.get(..cut)
    } else {
        None
    }
}

/// Splits on whitespace outside parentheses, so `calc(50% + 10px) 0px` is two words. CSS
/// whitespace is ASCII (space, tab, line breaks, form feed).
fn split_top_level(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s.trim_ascii();
    std::iter::from_fn(move || {
        rest = rest.trim_ascii_start();
        if rest.is_empty() {
            return None;
        }
        let mut depth = 0_i32;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                c if c.is_ascii_whitespace() && depth <= 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let word = rest.get(..end)?;
        rest = rest.get(end..)?;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewport(video: (f64, f64), size: (f64, f64), fit: ObjectFit, position: &str) -> Viewport {
        Viewport {
            video_width: video.0,
            video_height: video.1,
            box_width: size.0,
            box_height: size.1,
            fit,
            position: ObjectPosition::parse(position),
        }
    }

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn assert_rect(actual: Option<Rect>, expected: Rect) {
        let a = actual.unwrap_or_else(|| panic!("no picture, expected {expected:?}"));
        assert!(
            close(a.x, expected.x)
                && close(a.y, expected.y)
                && close(a.width, expected.width)
                && close(a.height, expected.height),
            "{a:?} != {expected:?}"
        );
    }

    /// (normalized point, expected box px or None)
    type Case = ((f64, f64), Option<(f64, f64)>);

    fn assert_maps(v: &Viewport, cases: &[Case]) {
        for &((px, py), expected) in cases {
            let got = v.map(Point { x: px, y: py });
            match (got, expected) {
                (Some((x, y)), Some((ex, ey))) => {
                    assert!(
                        close(x, ex) && close(y, ey),
                        "({px},{py}): ({x},{y}) != ({ex},{ey})"
                    )
                }
                (None, None) => {}
                _ => panic!("({px},{py}): got {got:?}, expected {expected:?}"),
            }
        }
    }

    const HD: (f64, f64) = (1920.0, 1080.0);

    #[test]
    fn object_fit_parses_css_keywords_and_defaults_to_fill() {
        let table = [
            ("fill", ObjectFit::Fill),
            ("contain", ObjectFit::Contain),
            ("cover", ObjectFit::Cover),
            ("none", ObjectFit::None),
            ("scale-down", ObjectFit::ScaleDown),
            (" Contain ", ObjectFit::Contain),
            ("", ObjectFit::Fill),
            ("stretch", ObjectFit::Fill),
        ];
        for (text, fit) in table {
            assert_eq!(ObjectFit::parse(text), fit, "{text:?}");
        }
    }

    #[test]
    fn contain_letterboxes_a_wide_video_in_a_square_box() {
        let v = viewport(HD, (500.0, 500.0), ObjectFit::Contain, "50% 50%");
        assert_rect(v.picture(), rect(0.0, 109.375, 500.0, 281.25));
        assert_maps(
            &v,
            &[
                ((0.5, 0.5), Some((250.0, 250.0))),
                ((0.0, 0.0), Some((0.0, 109.375))),
                ((1.0, 1.0), Some((500.0, 390.625))),
                ((0.42, 0.61), Some((210.0, 109.375 + 0.61 * 281.25))),
            ],
        );
    }

    #[test]
    fn contain_pillarboxes_a_narrow_video_in_a_wide_box() {
        let v = viewport(
            (640.0, 480.0),
            (1600.0, 900.0),
            ObjectFit::Contain,
            "50% 50%",
        );
        assert_rect(v.picture(), rect(200.0, 0.0, 1200.0, 900.0));
        assert_maps(
            &v,
            &[
                ((0.0, 0.0), Some((200.0, 0.0))),
                ((1.0, 1.0), Some((1400.0, 900.0))),
                ((0.5, 0.5), Some((800.0, 450.0))),
            ],
        );
    }

    #[test]
    fn contain_keeps_the_far_edges_visible_despite_rounding() {
        // Sizes whose scale is not exact in binary.
        for (video, size) in [
            ((1000.0, 3.0), (7.0, 7.0)),
            ((3.0, 1000.0), (7.0, 7.0)),
            ((333.0, 777.0), (0.1, 0.3)),
        ] {
            let v = viewport(video, size, ObjectFit::Contain, "50% 50%");
            for p in [(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0)] {
                assert!(
                    v.map(Point { x: p.0, y: p.1 }).is_some(),
                    "{video:?} in {size:?} at {p:?}"
                );
            }
        }
    }

    #[test]
    fn cover_crops_and_hides_points_outside_the_box() {
        let v = viewport(HD, (500.0, 500.0), ObjectFit::Cover, "50% 50%");
        let width = 1920.0 * 500.0 / 1080.0;
        let x = (500.0 - width) / 2.0;
        assert_rect(v.picture(), rect(x, 0.0, width, 500.0));
        // The visible band is x in [0.21875, 0.78125] of the frame, edges included.
        assert_maps(
            &v,
            &[
                ((0.5, 0.5), Some((250.0, 250.0))),
                ((0.1, 0.5), None),
                ((0.9, 0.5), None),
                ((0.21875, 0.0), Some((0.0, 0.0))),
                ((0.78125, 1.0), Some((500.0, 500.0))),
                ((0.218, 0.5), None),
                ((0.25, 0.5), Some((x + 0.25 * width, 250.0))),
            ],
        );
    }

    #[test]
    fn cover_positioned_left_shows_the_left_part() {
        let v = viewport(HD, (500.0, 500.0), ObjectFit::Cover, "left center");
        assert_maps(
            &v,
            &[
                ((0.1, 0.5), Some((0.1 * 1920.0 * 500.0 / 1080.0, 250.0))),
                ((0.9, 0.5), None),
            ],
        );
    }

    #[test]
    fn none_draws_at_intrinsic_size_centred() {
        let v = viewport((640.0, 360.0), (1000.0, 1000.0), ObjectFit::None, "50% 50%");
        assert_rect(v.picture(), rect(180.0, 320.0, 640.0, 360.0));
        assert_maps(
            &v,
            &[
                ((0.0, 0.0), Some((180.0, 320.0))),
                ((1.0, 1.0), Some((820.0, 680.0))),
            ],
        );
    }

    #[test]
    fn none_in_a_small_box_crops() {
        let v = viewport((640.0, 360.0), (320.0, 180.0), ObjectFit::None, "50% 50%");
        assert_rect(v.picture(), rect(-160.0, -90.0, 640.0, 360.0));
        assert_maps(
            &v,
            &[
                ((0.0, 0.0), None),
                ((0.25, 0.25), Some((0.0, 0.0))),
                ((0.5, 0.5), Some((160.0, 90.0))),
                ((0.75, 0.75), Some((320.0, 180.0))),
                ((0.8, 0.5), None),
            ],
        );
    }

    #[test]
    fn scale_down_shrinks_a_bigger_video_like_contain() {
        let v = viewport(HD, (500.0, 500.0), ObjectFit::ScaleDown, "50% 50%");
        let contain = viewport(HD, (500.0, 500.0), ObjectFit::Contain, "50% 50%");
        assert_eq!(v.picture(), contain.picture());
    }

    #[test]
    fn scale_down_keeps_a_smaller_video_at_intrinsic_size() {
        let v = viewport(
            (320.0, 180.0),
            (1000.0, 1000.0),
            ObjectFit::ScaleDown,
            "50% 50%",
        );
        assert_rect(v.picture(), rect(340.0, 410.0, 320.0, 180.0));
    }

    #[test]
    fn fill_stretches_to_the_box() {
        let v = viewport(HD, (500.0, 500.0), ObjectFit::Fill, "0px 0px");
        assert_rect(v.picture(), rect(0.0, 0.0, 500.0, 500.0));
        assert_maps(
            &v,
            &[
                ((0.5, 0.25), Some((250.0, 125.0))),
                ((1.0, 1.0), Some((500.0, 500.0))),
            ],
        );
    }

    #[test]
    fn object_position_places_a_letterboxed_picture() {
        // 16:9 in a square: the picture is 500 × 281.25, free space 218.75 vertically.
        let table = [
            ("50% 50%", 109.375),
            ("left top", 0.0),
            ("top left", 0.0),
            ("0% 0%", 0.0),
            ("center bottom", 218.75),
            ("right bottom", 218.75),
            ("bottom", 218.75),
            ("center", 109.375),
            ("0px 20px", 20.0),
            ("10% 20%", 43.75),
            ("right 10px bottom 20px", 198.75),
            ("left 0px top 10%", 21.875),
            ("calc(50% + 10px) calc(100% - 20px)", 198.75),
        ];
        for (text, y) in table {
            let v = viewport(HD, (500.0, 500.0), ObjectFit::Contain, text);
            let picture = v.picture().unwrap_or_else(|| panic!("{text}"));
            assert!(close(picture.y, y), "{text}: y {} != {y}", picture.y);
        }
    }

    #[test]
    fn object_position_places_a_pillarboxed_picture() {
        // 4:3 in 1600 × 900: the picture is 1200 × 900, free space 400 horizontally.
        let table = [
            ("50% 50%", 200.0),
            ("left", 0.0),
            ("right", 400.0),
            ("right 10px bottom 20px", 390.0),
            ("right 10% top", 360.0),
            ("10px 20px", 10.0),
            ("10% 20px", 40.0),
            ("calc(50% + 10px) 0px", 210.0),
            ("calc(10px + 50%) 0px", 210.0),
            ("calc(100% - (10px + 5px)) 0px", 385.0),
        ];
        for (text, x) in table {
            let v = viewport((640.0, 480.0), (1600.0, 900.0), ObjectFit::Contain, text);
            let picture = v.picture().unwrap_or_else(|| panic!("{text}"));
            assert!(close(picture.x, x), "{text}: x {} != {x}", picture.x);
        }
    }

    #[test]
    fn an_offset_picture_is_clipped_by_the_box() {
        let v = viewport(
            (640.0, 480.0),
            (1600.0, 900.0),
            ObjectFit::Contain,
            "10px 20px",
        );
        assert_maps(&v, &[((0.5, 0.0), Some((610.0, 20.0))), ((0.5, 1.0), None)]);
    }

    #[test]
    fn object_position_parses_every_syntax() {
        let start = AxisPosition::START;
        let center = AxisPosition::CENTER;
        let end = AxisPosition::END;
        let at = AxisPosition::from_start;
        let table = [
            ("50% 50%", center, center),
            ("0px 0px", at(0.0, 0.0), at(0.0, 0.0)),
            ("left top", start, start),
            ("top left", start, start),
            ("bottom right", end, end),
            ("center", center, center),
            ("left", start, center),
            ("top", center, start),
            ("10px", at(0.0, 10.0), center),
            ("10% 20px", at(0.1, 0.0), at(0.0, 20.0)),
            ("left 20px", start, at(0.0, 20.0)),
            ("center top", center, start),
            ("top center", center, start),
            (
                "right 10px bottom 20px",
                AxisPosition::from_end(0.0, 10.0),
                AxisPosition::from_end(0.0, 20.0),
            ),
            (
                "bottom 20px right 10px",
                AxisPosition::from_end(0.0, 10.0),
                AxisPosition::from_end(0.0, 20.0),
            ),
            ("right 10px top", AxisPosition::from_end(0.0, 10.0), start),
            ("left bottom 5%", start, AxisPosition::from_end(0.05, 0.0)),
            ("calc(50% + 10px) 0px", at(0.5, 10.0), at(0.0, 0.0)),
            (
                "calc(50% - 10px) calc(-5px + 100%)",
                at(0.5, -10.0),
                at(1.0, -5.0),
            ),
            ("  LEFT   Top ", start, start),
            ("-10px 1.5e1px", at(0.0, -10.0), at(0.0, 15.0)),
            ("0 0", at(0.0, 0.0), at(0.0, 0.0)),
        ];
        for (text, x, y) in table {
            assert_eq!(
                ObjectPosition::parse(text),
                ObjectPosition { x, y },
                "{text:?}"
            );
        }
    }

    #[test]
    fn unparseable_object_position_is_the_centre() {
        for text in [
            "",
            "nonsense",
            "left right",
            "top bottom",
            "10px left",
            "top 10px",
            "10em 0px",
            "5 5",
            "center 10px top",
            "left 10px top 10px 0px",
            "calc(50% +)",
            "calc(50% * 2) 0px",
            "calc(50% + 10px",
            "infpx 0px",
            "NaN% 0%",
            "1e400px 0px",
        ] {
            assert_eq!(
                ObjectPosition::parse(text),
                ObjectPosition::CENTER,
                "{text:?}"
            );
        }
    }

    #[test]
    fn degenerate_sizes_have_no_picture() {
        let sizes = [
            (0.0, 1080.0, 500.0, 500.0),
            (1920.0, 0.0, 500.0, 500.0),
            (1920.0, 1080.0, 0.0, 500.0),
            (1920.0, 1080.0, 500.0, 0.0),
            (f64::NAN, 1080.0, 500.0, 500.0),
            (1920.0, f64::INFINITY, 500.0, 500.0),
            (1920.0, 1080.0, -5.0, 500.0),
        ];
        for fit in [
            ObjectFit::Fill,
            ObjectFit::Contain,
            ObjectFit::Cover,
            ObjectFit::None,
            ObjectFit::ScaleDown,
        ] {
            for (vw, vh, bw, bh) in sizes {
                let v = Viewport {
                    video_width: vw,
                    video_height: vh,
                    box_width: bw,
                    box_height: bh,
                    fit,
                    position: ObjectPosition::CENTER,
                };
                assert_eq!(v.picture(), None, "{fit:?} {vw} {vh} {bw} {bh}");
                assert_eq!(v.map(Point { x: 0.5, y: 0.5 }), None);
            }
        }
        assert_eq!(Viewport::default().map(Point { x: 0.5, y: 0.5 }), None);
        // A picture that scales down to nothing is not drawn either.
        let sliver = viewport(
            (1e-320, 1e300),
            (500.0, 500.0),
            ObjectFit::Contain,
            "50% 50%",
        );
        assert_eq!(sliver.picture(), None);
    }

    #[test]
    fn points_outside_the_frame_or_not_finite_are_not_shown() {
        let v = viewport(HD, (1920.0, 1080.0), ObjectFit::Fill, "50% 50%");
        for (x, y) in [
            (-0.1, 0.5),
            (1.1, 0.5),
            (0.5, f64::NAN),
            (f64::INFINITY, 0.5),
        ] {
            assert_eq!(v.map(Point { x, y }), None, "({x},{y})");
        }
    }
}
