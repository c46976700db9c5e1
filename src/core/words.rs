//! The element's own words (CONTRACT.md section 5): message catalogs, locale lookup, the host's
//! `strings` overrides and a placeholder formatter.
//!
//! Owns which words exist (`Message`, each with a stable kebab-case key the host uses), the
//! built-in catalogs, the BCP 47 lookup of a locale to a catalog (with the `lang` and `dir` the
//! shadow tree carries), and the merge of the host's overrides over the catalog. It must never
//! read the browser: the plural category of a number comes in from `Intl.PluralRules` (the web
//! layer asks it), and numbers and prices arrive already formatted by `Intl`.
//!
//! Every byte here reaches every viewer, so each catalog is one `&'static str`: one line per
//! message in `Message` order, the plural forms of a plural message separated by `|` in the order
//! of the catalog's `plurals`. No maps, no serde; the tests hold every catalog to the key list.

/// Every word the element shows or announces, in catalog line order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Message {
    /// The buy button's text.
    Buy,
    /// The add-to-cart button's text.
    AddToCart,
    /// A buy or add button's accessible name when it names its product (the pinned card):
    /// `{action}` is the button's text, first, so the name begins with what is seen.
    ProductAction,
    /// The card's close button's accessible name.
    Close,
    /// A product that cannot be bought (card status, rail item, accessible names).
    SoldOut,
    /// A struck-through original price as said to screen readers.
    WasPrice,
    /// The pinned card's badge and region name.
    NowPresenting,
    /// The rail's landmark name.
    ShopThisVideo,
    /// The rail toggle's text, with the number of products.
    ShopCount,
    /// The fullscreen toggle's accessible name. It stays the same when pressed: the toggle says
    /// its state through `aria-pressed`, and a toggle's name must not change with its state.
    Fullscreen,
    /// The product card's dialog name.
    ProductDetails,
    /// Status while the host confirms an intent (`respondWith`).
    Adding,
    /// Status when the host confirmed.
    Added,
    /// Status when the host refused without a reason, failed, or took too long.
    NotAdded,
    /// Status after the product's page opened in a new tab.
    OpenedInNewTab,
    /// Between the parts of an accessible name or the items of a list.
    Separator,
    /// The live announcement of products that came into view, by name.
    NewInView,
    /// The live announcement of products that came into view, by number (plural-aware).
    NewInViewCount,
}

/// How many messages there are (lines in every catalog).
pub const MESSAGE_COUNT: usize = 18;

/// The keys of `Message::ALL`, in the same order.
const KEYS: [&str; MESSAGE_COUNT] = [
    "buy",
    "add-to-cart",
    "product-action",
    "close",
    "sold-out",
    "was-price",
    "now-presenting",
    "shop-this-video",
    "shop-count",
    "fullscreen",
    "product-details",
    "adding",
    "added",
    "not-added",
    "opened-in-new-tab",
    "separator",
    "new-in-view",
    "new-in-view-count",
];

impl Message {
    /// Every message, in catalog line order.
    pub const ALL: [Message; MESSAGE_COUNT] = [
        Message::Buy,
        Message::AddToCart,
        Message::ProductAction,
        Message::Close,
        Message::SoldOut,
        Message::WasPrice,
        Message::NowPresenting,
        Message::ShopThisVideo,
        Message::ShopCount,
        Message::Fullscreen,
        Message::ProductDetails,
        Message::Adding,
        Message::Added,
        Message::NotAdded,
        Message::OpenedInNewTab,
        Message::Separator,
        Message::NewInView,
        Message::NewInViewCount,
    ];

    /// The public key hosts use in `strings`: `buy`, `add-to-cart`, `shop-count`, …
    pub fn key(self) -> &'static str {
        KEYS[self as usize]
    }

    /// The message whose key this is (exact, lower case).
    pub fn from_key(key: &str) -> Option<Message> {
        KEYS.iter().position(|k| *k == key).map(|i| Message::ALL[i])
    }

    /// Whether the text depends on a number's plural category.
    pub fn is_plural(self) -> bool {
        self == Message::NewInViewCount
    }

    /// The placeholders the message's text may use (the README's `strings` table).
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Message::ProductAction => &["action", "title"],
            Message::WasPrice => &["price"],
            Message::ShopCount | Message::NewInViewCount => &["count"],
            Message::NewInView => &["titles"],
            _ => &[],
        }
    }
}

/// A CLDR plural category, as `Intl.PluralRules.prototype.select` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub const ALL: [Plural; 6] = [Plural::Zero, Plural::One, Plural::Two, Plural::Few, Plural::Many, Plural::Other];

    /// `zero`, `one`, `two`, `few`, `many` or `other`.
    pub fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }

    /// The category of that name; `None` for anything else (callers use `Other`).
    pub fn parse(name: &str) -> Option<Plural> {
        Some(match name {
            "zero" => Plural::Zero,
            "one" => Plural::One,
            "two" => Plural::Two,
            "few" => Plural::Few,
            "many" => Plural::Many,
            "other" => Plural::Other,
            _ => return None,
        })
    }
}

/// The writing direction of a catalog's words, for the shadow tree's `dir`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One built-in catalog: the words of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Catalog {
    tag: &'static str,
    dir: Direction,
    /// The CLDR cardinal categories of the language, `Other` last.
    plurals: &'static [Plural],
    /// One line per message in `Message` order; plural forms separated by `|`.
    text: &'static str,
}

impl Catalog {
    /// The BCP 47 tag of the words, for the shadow tree's `lang`: `en`, `zh-Hans`, `ar`, …
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    pub fn dir(&self) -> Direction {
        self.dir
    }

    /// The plural categories the language distinguishes (CLDR), `Other` last.
    pub fn plurals(&self) -> &'static [Plural] {
        self.plurals
    }

    /// The text of `message`; for a plural message the form for `plural`, and the `other` form
    /// for a category the language does not use. `plural` is ignored by the other messages.
    pub fn text(&self, message: Message, plural: Plural) -> &'static str {
        let line = field(self.text, b'\n', message as usize);
        if !message.is_plural() {
            return line;
        }
        // `Other` is last: a category the language lacks finds it.
        let form = self.plurals.iter().position(|p| *p == plural || *p == Plural::Other);
        field(line, b'|', form.unwrap_or(0))
    }
}

const ONE_OTHER: &[Plural] = &[Plural::One, Plural::Other];
const OTHER: &[Plural] = &[Plural::Other];
const ONE_MANY_OTHER: &[Plural] = &[Plural::One, Plural::Many, Plural::Other];

/// The built-in catalogs; the first is the fallback.
///
/// Lines, in order: buy, add-to-cart, product-action, close, sold-out, was-price, now-presenting,
/// shop-this-video, shop-count, fullscreen, product-details, adding, added, not-added,
/// opened-in-new-tab, separator, new-in-view, new-in-view-count.
/// Spanish and Portuguese are each one catalog for every region: the words chosen are the ones
/// shoppers on both sides of the ocean read without pause (Brazilian where none is shared).
pub static CATALOGS: [Catalog; 11] = [
    Catalog {
        tag: "en",
        dir: Direction::Ltr,
        plurals: ONE_OTHER,
        text: "Buy now\n\
               Add to cart\n\
               {action}: {title}\n\
               Close\n\
               Sold out\n\
               was {price}\n\
               Now presenting\n\
               Shop this video\n\
               Shop ({count})\n\
               Full screen\n\
               Product details\n\
               Adding\u{2026}\n\
               Added to cart\n\
               Could not add to cart\n\
               Opened in a new tab\n\
               , \n\
               New: {titles}\n\
               {count} new product|{count} new products",
    },
    Catalog {
        tag: "zh-Hans",
        dir: Direction::Ltr,
        plurals: OTHER,
        text: "立即购买\n\
               加入购物车\n\
               {action}：{title}\n\
               关闭\n\
               已售罄\n\
               原价{price}\n\
               正在讲解\n\
               视频同款\n\
               商品（{count}）\n\
               全屏\n\
               商品详情\n\
               正在加入\u{2026}\n\
               已加入购物车\n\
               加入购物车失败\n\
               已在新标签页打开\n\
               、\n\
               新商品：{titles}\n\
               {count} 件新商品",
    },
    Catalog {
        tag: "zh-Hant",
        dir: Direction::Ltr,
        plurals: OTHER,
        text: "立即購買\n\
               加入購物車\n\
               {action}：{title}\n\
               關閉\n\
               已售完\n\
               原價{price}\n\
               正在介紹\n\
               影片同款\n\
               商品（{count}）\n\
               全螢幕\n\
               商品詳情\n\
               正在加入\u{2026}\n\
               已加入購物車\n\
               無法加入購物車\n\
               已在新分頁開啟\n\
               、\n\
               新商品：{titles}\n\
               {count} 件新商品",
    },
    Catalog {
        tag: "ja",
        dir: Direction::Ltr,
        plurals: OTHER,
        text: "今すぐ購入\n\
               カートに入れる\n\
               {action}：{title}\n\
               閉じる\n\
               売り切れ\n\
               通常価格 {price}\n\
               ただいま紹介中\n\
               この動画の商品\n\
               商品（{count}）\n\
               全画面\n\
               商品詳細\n\
               追加中\u{2026}\n\
               カートに追加しました\n\
               カートに追加できませんでした\n\
               新しいタブで開きました\n\
               、\n\
               新しい商品：{titles}\n\
               新しい商品 {count} 件",
    },
    Catalog {
        tag: "ko",
        dir: Direction::Ltr,
        plurals: OTHER,
        text: "바로 구매\n\
               장바구니 담기\n\
               {action}: {title}\n\
               닫기\n\
               품절\n\
               정가 {price}\n\
               지금 소개 중\n\
               영상 속 상품\n\
               상품 ({count})\n\
               전체 화면\n\
               상품 정보\n\
               담는 중\u{2026}\n\
               장바구니에 담았습니다\n\
               장바구니에 담지 못했습니다\n\
               새 탭에서 열었습니다\n\
               , \n\
               새 상품: {titles}\n\
               새 상품 {count}개",
    },
    Catalog {
        tag: "es",
        dir: Direction::Ltr,
        plurals: ONE_MANY_OTHER,
        text: "Comprar ahora\n\
               Añadir al carrito\n\
               {action}: {title}\n\
               Cerrar\n\
               Agotado\n\
               antes {price}\n\
               Presentando ahora\n\
               Compra lo que ves\n\
               Productos ({count})\n\
               Pantalla completa\n\
               Detalles del producto\n\
               Añadiendo\u{2026}\n\
               Añadido al carrito\n\
               No se pudo añadir al carrito\n\
               Abierto en una pestaña nueva\n\
               , \n\
               En pantalla: {titles}\n\
               {count} producto nuevo|{count} de productos nuevos|{count} productos nuevos",
    },
    Catalog {
        tag: "fr",
        dir: Direction::Ltr,
        plurals: ONE_MANY_OTHER,
        text: "Acheter maintenant\n\
               Ajouter au panier\n\
               {action}\u{a0}: {title}\n\
               Fermer\n\
               Épuisé\n\
               au lieu de {price}\n\
               En ce moment\n\
               Produits de la vidéo\n\
               Produits ({count})\n\
               Plein écran\n\
               Détails du produit\n\
               Ajout en cours\u{2026}\n\
               Ajouté au panier\n\
               Impossible d\u{2019}ajouter au panier\n\
               Ouvert dans un nouvel onglet\n\
               , \n\
               À l\u{2019}écran\u{a0}: {titles}\n\
               {count} nouveau produit|{count} de nouveaux produits|{count} nouveaux produits",
    },
    Catalog {
        tag: "de",
        dir: Direction::Ltr,
        plurals: ONE_OTHER,
        text: "Jetzt kaufen\n\
               In den Warenkorb\n\
               {action}: {title}\n\
               Schließen\n\
               Ausverkauft\n\
               statt {price}\n\
               Jetzt im Fokus\n\
               Produkte im Video\n\
               Produkte ({count})\n\
               Vollbild\n\
               Produktdetails\n\
               Wird hinzugefügt\u{2026}\n\
               In den Warenkorb gelegt\n\
               Hinzufügen fehlgeschlagen\n\
               In neuem Tab geöffnet\n\
               , \n\
               Neu im Bild: {titles}\n\
               {count} neues Produkt|{count} neue Produkte",
    },
    Catalog {
        tag: "pt",
        dir: Direction::Ltr,
        plurals: ONE_MANY_OTHER,
        text: "Comprar agora\n\
               Adicionar ao carrinho\n\
               {action}: {title}\n\
               Fechar\n\
               Esgotado\n\
               antes {price}\n\
               Em destaque agora\n\
               Produtos do vídeo\n\
               Produtos ({count})\n\
               Tela cheia\n\
               Detalhes do produto\n\
               Adicionando\u{2026}\n\
               Adicionado ao carrinho\n\
               Não foi possível adicionar ao carrinho\n\
               Aberto em uma nova aba\n\
               , \n\
               Na tela: {titles}\n\
               {count} produto novo|{count} de produtos novos|{count} produtos novos",
    },
    Catalog {
        tag: "ru",
        dir: Direction::Ltr,
        plurals: &[Plural::One, Plural::Few, Plural::Many, Plural::Other],
        text: "Купить сейчас\n\
               В корзину\n\
               {action}: {title}\n\
               Закрыть\n\
               Нет в наличии\n\
               старая цена {price}\n\
               Сейчас в эфире\n\
               Товары из видео\n\
               Товары ({count})\n\
               Во весь экран\n\
               О товаре\n\
               Добавляем\u{2026}\n\
               Добавлено в корзину\n\
               Не удалось добавить в корзину\n\
               Открыто в новой вкладке\n\
               , \n\
               В кадре: {titles}\n\
               {count} новый товар|{count} новых товара|{count} новых товаров|{count} нового товара",
    },
    Catalog {
        tag: "ar",
        dir: Direction::Rtl,
        plurals: &[Plural::Zero, Plural::One, Plural::Two, Plural::Few, Plural::Many, Plural::Other],
        text: "اشترِ الآن\n\
               أضف إلى السلة\n\
               {action}: {title}\n\
               إغلاق\n\
               نفدت الكمية\n\
               بدلًا من {price}\n\
               يُعرض الآن\n\
               تسوّق من الفيديو\n\
               المنتجات ({count})\n\
               ملء الشاشة\n\
               تفاصيل المنتج\n\
               جارٍ الإضافة\u{2026}\n\
               تمت الإضافة إلى السلة\n\
               تعذّرت الإضافة إلى السلة\n\
               فُتح في علامة تبويب جديدة\n\
               \u{60c} \n\
               جديد: {titles}\n\
               لا منتجات جديدة|منتج جديد واحد|منتجان جديدان|{count} منتجات جديدة|{count} منتجًا جديدًا|{count} منتج جديد",
    },
];

/// The catalog for a BCP 47 locale (`zh-CN`, `pt_BR`, `ar-EG`, …), by lookup on its language
/// and, for Chinese, its script or region; `en` for anything else, garbage included.
pub fn lookup(locale: &str) -> &'static Catalog {
    let mut subtags = locale.trim_ascii().as_bytes().split(|b| *b == b'-' || *b == b'_');
    let mut tag = subtags.next().unwrap_or_default();
    if tag.eq_ignore_ascii_case(b"zh") {
        // Script first (`zh-Hans-HK` is simplified), then region; a singleton starts the
        // extensions, which say nothing about the script.
        tag = b"zh-Hans";
        for subtag in subtags.take_while(|s| s.len() > 1) {
            let is = |name: &[u8]| subtag.eq_ignore_ascii_case(name);
            if is(b"hans") {
                break;
            }
            if is(b"hant") || is(b"tw") || is(b"hk") || is(b"mo") {
                tag = b"zh-Hant";
                break;
            }
        }
    }
    CATALOGS.iter().find(|c| c.tag.as_bytes().eq_ignore_ascii_case(tag)).unwrap_or(&CATALOGS[0])
}

// The text helpers below work on bytes with `str::get`, not on `str` patterns and indexing:
// the pattern searchers and the panic messages of a bad slice would add kilobytes of Wasm.
// Every separator they look for is ASCII, so every cut falls on a character boundary.

/// `text` split at its first `separator`, which is dropped.
fn cut(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The `index`-th field of `text` split at every `separator`; empty past the last.
fn field(text: &str, separator: u8, index: usize) -> &str {
    let mut rest = text;
    for _ in 0..index {
        match cut(rest, separator) {
            Some((_, after)) => rest = after,
            None => return "",
        }
    }
    cut(rest, separator).map_or(rest, |(field, _)| field)
}

/// Where one text lives: a message, and for a plural message optionally one category.
/// Its public name is the message's key, with `.category` for one plural form
/// (`new-in-view-count.few`); a plural message's bare key stands for all its forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub message: Message,
    pub plural: Option<Plural>,
}

impl Key {
    /// The key of a `strings` entry; `None` for unknown keys (and for a category on a message
    /// that has no plural forms).
    pub fn parse(name: &str) -> Option<Key> {
        let (message, plural) = match cut(name, b'.') {
            Some((message, category)) => (message, Some(Plural::parse(category)?)),
            None => (name, None),
        };
        let message = Message::from_key(message)?;
        if plural.is_some() && !message.is_plural() {
            return None;
        }
        Some(Key { message, plural })
    }

    /// The public name: `buy`, `new-in-view-count.one`.
    pub fn name(&self) -> String {
        match self.plural {
            Some(plural) => [self.message.key(), ".", plural.name()].concat(),
            None => self.message.key().to_owned(),
        }
    }
}

/// The words in effect: the catalog of the current locale with the host's overrides over it.
/// Overrides hold across locale changes.
#[derive(Debug)]
pub struct Words {
    catalog: &'static Catalog,
    overrides: Vec<(Key, String)>,
}

impl Default for Words {
    fn default() -> Self {
        Words { catalog: &CATALOGS[0], overrides: Vec::new() }
    }
}

impl Words {
    /// The words for `locale` (see `lookup`), without overrides.
    pub fn new(locale: &str) -> Words {
        Words { catalog: lookup(locale), overrides: Vec::new() }
    }

    /// Switches the catalog; overrides stay.
    pub fn set_locale(&mut self, locale: &str) {
        self.catalog = lookup(locale);
    }

    pub fn catalog(&self) -> &'static Catalog {
        self.catalog
    }

    /// The shadow tree's `lang`.
    pub fn lang(&self) -> &'static str {
        self.catalog.tag
    }

    /// The shadow tree's `dir`.
    pub fn dir(&self) -> Direction {
        self.catalog.dir
    }

    /// Replaces every override with `entries` (key, text); a later entry wins over an earlier one
    /// of the same key. Returns the keys it did not know, which it ignored.
    pub fn replace_overrides<'a>(&mut self, entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<&'a str> {
        self.overrides.clear();
        let mut unknown = Vec::new();
        for (name, text) in entries {
            match Key::parse(name) {
                Some(key) => self.overrides.push((key, text.to_owned())),
                None => unknown.push(name),
            }
        }
        unknown
    }

    /// Drops every override (`strings = null`).
    pub fn clear_overrides(&mut self) {
        self.overrides.clear();
    }

    fn overridden(&self, key: Key) -> Option<&str> {
        // The last: a later entry of the same key wins.
        self.overrides.iter().rev().find(|(k, _)| *k == key).map(|(_, text)| text.as_str())
    }

    /// The text in effect for `message` (the form for `plural` if it is a plural message): the
    /// host's override of that form, else its override of the whole message, else the catalog's.
    pub fn get(&self, message: Message, plural: Plural) -> &str {
        let form = message.is_plural().then_some(plural);
        form.and_then(|plural| self.overridden(Key { message, plural: Some(plural) }))
            .or_else(|| self.overridden(Key { message, plural: None }))
            .unwrap_or_else(|| self.catalog.text(message, plural))
    }

    /// The text in effect for a message without plural forms.
    pub fn text(&self, message: Message) -> &str {
        self.get(message, Plural::Other)
    }

    /// `message`'s text with its placeholders filled (see `format`).
    pub fn format(&self, message: Message, plural: Plural, values: &[(&str, &str)]) -> String {
        format(self.get(message, plural), values)
    }

    /// Every key with its text in effect, for the `strings` getter: one entry per message, and
    /// for a plural message one per category of the current language (`new-in-view-count.one`).
    pub fn entries(&self) -> Vec<(Key, &str)> {
        let mut entries = Vec::with_capacity(MESSAGE_COUNT + 5);
        for message in Message::ALL {
            if message.is_plural() {
                for &plural in self.catalog.plurals {
                    entries.push((Key { message, plural: Some(plural) }, self.get(message, plural)));
                }
            } else {
                entries.push((Key { message, plural: None }, self.text(message)));
            }
        }
        entries
    }

    /// The non-empty `parts` joined by the `separator` message.
    pub fn join(&self, parts: &[&str]) -> String {
        let separator = self.text(Message::Separator);
        let mut out = String::new();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.push_str(separator);
            }
            out.push_str(part);
        }
        out
    }

    /// "was ¥1,580" (empty for an empty price).
    pub fn was_price(&self, price: &str) -> String {
        if price.is_empty() {
            return String::new();
        }
        self.format(Message::WasPrice, Plural::Other, &[("price", price)])
    }

    /// A product's accessible name: "Follow the vase, Cloisonne vase, ¥1,280, was ¥1,580, Sold out".
    /// It begins with the visible tag when there is one (a hotspot's label), so the name holds
    /// what the viewer sees; a tag equal to the title is said once.
    pub fn product_name(&self, product: &ProductText) -> String {
        let tag = if product.tag == product.title { "" } else { product.tag };
        let was = self.was_price(product.original_price);
        let sold_out = if product.available { "" } else { self.text(Message::SoldOut) };
        self.join(&[tag, product.title, product.price, &was, sold_out])
    }

    /// A buy or add button's name that says its product: "Buy now: Cloisonne vase".
    /// `action` is `Message::Buy` or `Message::AddToCart`.
    pub fn product_action(&self, action: Message, title: &str) -> String {
        self.format(Message::ProductAction, Plural::Other, &[("action", self.text(action)), ("title", title)])
    }

    /// The live announcement of products that came into view: by name for at most
    /// `NAMED_AT_MOST` of them ("New: Vase, Teapot"), else by number. `count` is the number of
    /// titles as the browser formats it, `plural` its category.
    pub fn new_in_view(&self, titles: &[&str], count: &str, plural: Plural) -> String {
        if titles.len() <= NAMED_AT_MOST {
            let titles = self.join(titles);
            self.format(Message::NewInView, Plural::Other, &[("titles", &titles)])
        } else {
            self.format(Message::NewInViewCount, plural, &[("count", count)])
        }
    }
}

/// Up to this many products coming into view are announced by name; more, by number.
pub const NAMED_AT_MOST: usize = 3;

/// What a product's accessible name is made of; each text as shown (prices formatted), empty
/// when there is none.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProductText<'a> {
    /// The hotspot's visible label.
    pub tag: &'a str,
    pub title: &'a str,
    pub price: &'a str,
    pub original_price: &'a str,
    pub available: bool,
}

/// Fills `{name}` placeholders of `template` with `values`. Never fails: a placeholder with no
/// value, and a `{` without its `}`, stay as they are; values are inserted as they are, never
/// read for placeholders themselves.
pub fn format(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = cut(rest, b'{') {
        out.push_str(before);
        rest = after;
        // A placeholder is a name up to the next `}` with no `{` in it.
        let filled = cut(after, b'}')
            .filter(|(name, _)| !name.bytes().any(|b| b == b'{'))
            .and_then(|(name, tail)| values.iter().find(|(n, _)| *n == name).map(|(_, value)| (*value, tail)));
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => out.push('{'),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(tag: &str) -> &'static Catalog {
        CATALOGS.iter().find(|c| c.tag == tag).unwrap()
    }

    /// The placeholder names of a template, sorted, each once.
    fn placeholders(template: &str) -> Vec<&str> {
        let mut names: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    fn forms(catalog: &Catalog, message: Message) -> Vec<&'static str> {
        catalog.plurals.iter().map(|p| catalog.text(message, *p)).collect()
    }

    // ---- the key list ----------------------------------------------------------------------

    #[test]
    fn every_message_has_a_distinct_kebab_case_key_that_reads_back() {
        for (i, message) in Message::ALL.into_iter().enumerate() {
            assert_eq!(message as usize, i, "ALL is in declaration order");
            let key = message.key();
            assert!(!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{key}");
            assert!(!key.starts_with('-') && !key.ends_with('-') && !key.contains("--"), "{key}");
            assert_eq!(Message::from_key(key), Some(message));
        }
        let mut keys = KEYS.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), MESSAGE_COUNT);
    }

    #[test]
    fn keys_are_exact_and_case_sensitive() {
        assert_eq!(Message::from_key("Buy"), None);
        assert_eq!(Message::from_key(" buy"), None);
        assert_eq!(Message::from_key("add_to_cart"), None);
        assert_eq!(Message::from_key(""), None);
    }

    // ---- the catalogs ----------------------------------------------------------------------

    #[test]
    fn every_catalog_has_exactly_one_line_per_message() {
        for catalog in &CATALOGS {
            assert_eq!(catalog.text.split('\n').count(), MESSAGE_COUNT, "{}", catalog.tag);
        }
    }

    #[test]
    fn every_text_of_every_catalog_is_non_empty_and_trimmed() {
        for catalog in &CATALOGS {
            for message in Message::ALL {
                for text in forms(catalog, message) {
                    assert!(!text.is_empty(), "{} {}", catalog.tag, message.key());
                    if message != Message::Separator {
                        assert_eq!(text.trim(), text, "{} {}", catalog.tag, message.key());
                    }
                    assert!(!text.contains(['\n', '\r', '\t']), "{} {}", catalog.tag, message.key());
                }
            }
        }
    }

    #[test]
    fn only_plural_messages_have_plural_forms_and_they_have_one_per_category() {
        for catalog in &CATALOGS {
            for (message, line) in Message::ALL.into_iter().zip(catalog.text.split('\n')) {
                let expected = if message.is_plural() { catalog.plurals.len() } else { 1 };
                assert_eq!(line.split('|').count(), expected, "{} {}", catalog.tag, message.key());
            }
        }
    }

    #[test]
    fn english_uses_exactly_the_declared_placeholders() {
        let en = catalog("en");
        for message in Message::ALL {
            for text in forms(en, message) {
                assert_eq!(placeholders(text), message.placeholders(), "{}", message.key());
            }
        }
    }

    #[test]
    fn every_catalog_uses_the_same_placeholders_as_english() {
        for catalog in &CATALOGS {
            for message in Message::ALL {
                let declared = message.placeholders();
                let other = catalog.text(message, Plural::Other);
                assert_eq!(placeholders(other), declared, "{} {}", catalog.tag, message.key());
                // A form for a single number may leave the number unsaid (Arabic "منتج جديد واحد"),
                // but no form may use a placeholder the message does not have.
                for text in forms(catalog, message) {
                    for name in placeholders(text) {
                        assert!(declared.contains(&name), "{} {}: {{{name}}}", catalog.tag, message.key());
                    }
                }
            }
        }
    }

    #[test]
    fn only_zero_one_and_two_forms_may_leave_the_count_unsaid() {
        for catalog in &CATALOGS {
            for &plural in catalog.plurals {
                let text = catalog.text(Message::NewInViewCount, plural);
                if !matches!(plural, Plural::Zero | Plural::One | Plural::Two) {
                    assert!(text.contains("{count}"), "{} {}", catalog.tag, plural.name());
                }
            }
        }
    }

    #[test]
    fn every_catalog_has_the_plural_categories_cldr_gives_its_language() {
        use Plural::*;
        let expected: [(&str, &[Plural]); 11] = [
            ("en", &[One, Other]),
            ("zh-Hans", &[Other]),
            ("zh-Hant", &[Other]),
            ("ja", &[Other]),
            ("ko", &[Other]),
            ("es", &[One, Many, Other]),
            ("fr", &[One, Many, Other]),
            ("de", &[One, Other]),
            ("pt", &[One, Many, Other]),
            ("ru", &[One, Few, Many, Other]),
            ("ar", &[Zero, One, Two, Few, Many, Other]),
        ];
        assert_eq!(CATALOGS.len(), expected.len());
        for (tag, plurals) in expected {
            assert_eq!(catalog(tag).plurals, plurals, "{tag}");
        }
    }

    #[test]
    fn plural_forms_differ_where_the_language_inflects() {
        let ru = catalog("ru");
        assert_eq!(ru.text(Message::NewInViewCount, Plural::One), "{count} новый товар");
        assert_eq!(ru.text(Message::NewInViewCount, Plural::Few), "{count} новых товара");
        assert_eq!(ru.text(Message::NewInViewCount, Plural::Many), "{count} новых товаров");
        let en = catalog("en");
        assert_eq!(en.text(Message::NewInViewCount, Plural::One), "{count} new product");
        assert_eq!(en.text(Message::NewInViewCount, Plural::Other), "{count} new products");
        assert_eq!(catalog("ar").text(Message::NewInViewCount, Plural::Two), "منتجان جديدان");
    }

    #[test]
    fn a_category_the_language_does_not_use_reads_the_other_form() {
        let en = catalog("en");
        assert_eq!(en.text(Message::NewInViewCount, Plural::Few), "{count} new products");
        let ja = catalog("ja");
        assert_eq!(ja.text(Message::NewInViewCount, Plural::One), "新しい商品 {count} 件");
    }

    #[test]
    fn non_plural_messages_ignore_the_category() {
        for plural in Plural::ALL {
            assert_eq!(catalog("ru").text(Message::Buy, plural), "Купить сейчас");
        }
    }

    #[test]
    fn catalogs_speak_the_words_shops_use() {
        let zh = catalog("zh-Hans");
        assert_eq!(zh.text(Message::Buy, Plural::Other), "立即购买");
        assert_eq!(zh.text(Message::AddToCart, Plural::Other), "加入购物车");
        assert_eq!(zh.text(Message::SoldOut, Plural::Other), "已售罄");
        assert_eq!(zh.text(Message::NowPresenting, Plural::Other), "正在讲解");
        let ja = catalog("ja");
        assert_eq!(ja.text(Message::Buy, Plural::Other), "今すぐ購入");
        assert_eq!(ja.text(Message::AddToCart, Plural::Other), "カートに入れる");
        assert_eq!(ja.text(Message::SoldOut, Plural::Other), "売り切れ");
        let en = catalog("en");
        assert_eq!(en.text(Message::Buy, Plural::Other), "Buy now");
        assert_eq!(en.text(Message::Adding, Plural::Other), "Adding\u{2026}");
        assert_eq!(en.text(Message::Separator, Plural::Other), ", ");
    }

    #[test]
    fn tags_are_well_formed_and_only_arabic_is_right_to_left() {
        for catalog in &CATALOGS {
            assert_eq!(lookup(catalog.tag).tag, catalog.tag, "a tag looks up its own catalog");
            let rtl = catalog.tag == "ar";
            assert_eq!(catalog.dir, if rtl { Direction::Rtl } else { Direction::Ltr });
        }
        assert_eq!(Direction::Rtl.as_str(), "rtl");
        assert_eq!(Direction::Ltr.as_str(), "ltr");
    }

    // ---- lookup ----------------------------------------------------------------------------

    #[test]
    fn lookup_matches_language_region_and_script_case_insensitively() {
        let cases = [
            ("en", "en"),
            ("en-GB", "en"),
            ("EN-us", "en"),
            ("zh", "zh-Hans"),
            ("zh-CN", "zh-Hans"),
            ("zh-SG", "zh-Hans"),
            ("zh-Hans", "zh-Hans"),
            ("zh-Hans-CN", "zh-Hans"),
            ("zh-hans-hk", "zh-Hans"),
            ("zh-TW", "zh-Hant"),
            ("zh-HK", "zh-Hant"),
            ("zh-MO", "zh-Hant"),
            ("zh-Hant", "zh-Hant"),
            ("zh-Hant-TW", "zh-Hant"),
            ("ZH-HANT-CN", "zh-Hant"),
            ("zh_TW", "zh-Hant"),
            ("zh-u-nu-hanidec", "zh-Hans"),
            ("zh-x-tw", "zh-Hans"),
            ("ja", "ja"),
            ("ja-JP", "ja"),
            ("ko-KR", "ko"),
            ("es", "es"),
            ("es-419", "es"),
            ("es-MX", "es"),
            ("fr-CA", "fr"),
            ("de-CH", "de"),
            ("pt-BR", "pt"),
            ("pt-PT", "pt"),
            ("pt_br", "pt"),
            ("ru-RU", "ru"),
            ("ar", "ar"),
            ("ar-EG", "ar"),
            ("ar-SA-u-nu-arab", "ar"),
            (" de ", "de"),
        ];
        for (locale, tag) in cases {
            assert_eq!(lookup(locale).tag(), tag, "{locale}");
        }
    }

    #[test]
    fn lookup_falls_back_to_english_for_anything_else() {
        for locale in ["", "-", "_", "x", "it-IT", "klingon", "e", "eng", "enx", "zhx", "123", "*", "und", "i-default", "ar\u{0}", "\u{130}"] {
            assert_eq!(lookup(locale).tag(), "en", "{locale:?}");
        }
    }

    #[test]
    fn lookup_gives_the_direction_of_the_words() {
        assert_eq!(lookup("ar-EG").dir(), Direction::Rtl);
        assert_eq!(lookup("he").dir(), Direction::Ltr, "a language without a catalog reads English, left to right");
        assert_eq!(lookup("ja").dir(), Direction::Ltr);
    }

    // ---- keys of `strings` -----------------------------------------------------------------

    #[test]
    fn a_key_names_a_message_or_one_plural_form() {
        let key = Key::parse("new-in-view-count.few").unwrap();
        assert_eq!(key, Key { message: Message::NewInViewCount, plural: Some(Plural::Few) });
        assert_eq!(key.name(), "new-in-view-count.few");
        assert_eq!(Key::parse("buy"), Some(Key { message: Message::Buy, plural: None }));
        assert_eq!(Key::parse("new-in-view-count").unwrap().plural, None);
        for bad in ["buy.one", "new-in-view-count.", "new-in-view-count.Few", "new-in-view-count.one.two", ".one", "nope", ""] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    // ---- overrides -------------------------------------------------------------------------

    #[test]
    fn words_without_overrides_are_the_catalog_of_the_locale() {
        let words = Words::new("zh-CN");
        assert_eq!(words.lang(), "zh-Hans");
        assert_eq!(words.dir(), Direction::Ltr);
        assert_eq!(words.text(Message::Buy), "立即购买");
        assert_eq!(Words::default().text(Message::Buy), "Buy now");
    }

    #[test]
    fn an_override_replaces_the_catalog_text_in_every_locale() {
        let mut words = Words::new("ja");
        let unknown = words.replace_overrides([("buy", "Checkout")]);
        assert!(unknown.is_empty());
        assert_eq!(words.text(Message::Buy), "Checkout");
        assert_eq!(words.text(Message::AddToCart), "カートに入れる");
        words.set_locale("ar");
        assert_eq!(words.text(Message::Buy), "Checkout", "overrides survive a change of locale");
        assert_eq!(words.dir(), Direction::Rtl);
    }

    #[test]
    fn unknown_keys_are_ignored_and_reported() {
        let mut words = Words::new("en");
        let unknown = words.replace_overrides([("Buy", "x"), ("buy", "Get it"), ("sold-out.one", "y"), ("nope", "z")]);
        assert_eq!(unknown, ["Buy", "sold-out.one", "nope"]);
        assert_eq!(words.text(Message::Buy), "Get it");
        assert_eq!(words.text(Message::SoldOut), "Sold out");
    }

    #[test]
    fn setting_overrides_again_replaces_the_previous_ones() {
        let mut words = Words::new("en");
        words.replace_overrides([("buy", "A"), ("close", "B")]);
        words.replace_overrides([("close", "C")]);
        assert_eq!(words.text(Message::Buy), "Buy now");
        assert_eq!(words.text(Message::Close), "C");
    }

    #[test]
    fn the_later_of_two_entries_for_one_key_wins() {
        let mut words = Words::new("en");
        words.replace_overrides([("buy", "A"), ("buy", "B")]);
        assert_eq!(words.text(Message::Buy), "B");
        assert_eq!(words.entries().iter().filter(|(k, _)| k.message == Message::Buy).count(), 1);
    }

    #[test]
    fn clearing_overrides_restores_the_catalog() {
        let mut words = Words::new("fr");
        words.replace_overrides([("buy", "A"), ("new-in-view-count", "B")]);
        words.clear_overrides();
        assert_eq!(words.text(Message::Buy), "Acheter maintenant");
        assert_eq!(words.get(Message::NewInViewCount, Plural::One), "{count} nouveau produit");
    }

    #[test]
    fn an_empty_override_is_kept_as_empty_text() {
        let mut words = Words::new("en");
        words.replace_overrides([("now-presenting", "")]);
        assert_eq!(words.text(Message::NowPresenting), "");
    }

    #[test]
    fn a_plural_override_of_one_form_beats_the_whole_message_which_beats_the_catalog() {
        let mut words = Words::new("ru");
        words.replace_overrides([("new-in-view-count", "Новинки: {count}"), ("new-in-view-count.one", "Новинка: {count}")]);
        assert_eq!(words.get(Message::NewInViewCount, Plural::One), "Новинка: {count}");
        assert_eq!(words.get(Message::NewInViewCount, Plural::Few), "Новинки: {count}");
        words.replace_overrides([("new-in-view-count.many", "M")]);
        assert_eq!(words.get(Message::NewInViewCount, Plural::Many), "M");
        assert_eq!(words.get(Message::NewInViewCount, Plural::Few), "{count} новых товара");
    }

    #[test]
    fn entries_list_every_key_with_the_text_in_effect() {
        let mut words = Words::new("en");
        words.replace_overrides([("close", "Dismiss"), ("new-in-view-count.one", "One more")]);
        let entries: Vec<(String, &str)> = words.entries().into_iter().map(|(k, t)| (k.name(), t)).collect();
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        let mut expected: Vec<&str> = KEYS[..MESSAGE_COUNT - 1].to_vec();
        expected.extend(["new-in-view-count.one", "new-in-view-count.other"]);
        assert_eq!(names, expected);
        assert!(entries.contains(&("close".to_owned(), "Dismiss")));
        assert!(entries.contains(&("buy".to_owned(), "Buy now")));
        assert!(entries.contains(&("new-in-view-count.one".to_owned(), "One more")));
        assert!(entries.contains(&("new-in-view-count.other".to_owned(), "{count} new products")));
    }

    #[test]
    fn entries_list_the_plural_forms_of_the_current_language() {
        let plural_keys = |locale: &str| -> Vec<String> {
            Words::new(locale).entries().into_iter().filter(|(k, _)| k.plural.is_some()).map(|(k, _)| k.name()).collect()
        };
        assert_eq!(plural_keys("ja"), ["new-in-view-count.other"]);
        assert_eq!(plural_keys("ar").len(), 6);
        assert_eq!(plural_keys("ru")[1], "new-in-view-count.few");
    }

    #[test]
    fn entries_read_back_as_overrides_change_nothing() {
        for catalog in &CATALOGS {
            let mut words = Words::new(catalog.tag);
            let before: Vec<(String, String)> =
                words.entries().into_iter().map(|(k, t)| (k.name(), t.to_owned())).collect();
            let unknown = words.replace_overrides(before.iter().map(|(k, t)| (k.as_str(), t.as_str())));
            assert!(unknown.is_empty());
            let after: Vec<(String, String)> =
                words.entries().into_iter().map(|(k, t)| (k.name(), t.to_owned())).collect();
            assert_eq!(before, after, "{}", catalog.tag);
        }
    }

    // ---- composed texts --------------------------------------------------------------------

    #[test]
    fn a_product_name_begins_with_the_visible_tag_and_says_what_is_only_shown() {
        let words = Words::new("en");
        let vase = ProductText {
            tag: "Follow the vase",
            title: "Cloisonne vase",
            price: "CN¥1,280.00",
            original_price: "CN¥1,580.00",
            available: false,
        };
        assert_eq!(words.product_name(&vase), "Follow the vase, Cloisonne vase, CN¥1,280.00, was CN¥1,580.00, Sold out");
        let plain = ProductText { title: "Teapot", price: "¥99", available: true, ..Default::default() };
        assert_eq!(words.product_name(&plain), "Teapot, ¥99");
        let untitled_price = ProductText { title: "Teapot", available: true, ..Default::default() };
        assert_eq!(words.product_name(&untitled_price), "Teapot");
        let same = ProductText { tag: "Teapot", title: "Teapot", available: true, ..Default::default() };
        assert_eq!(words.product_name(&same), "Teapot", "a tag equal to the title is said once");
    }

    #[test]
    fn a_product_name_uses_the_separator_of_the_language() {
        let words = Words::new("ja");
        let item = ProductText { tag: "注目", title: "花瓶", price: "￥1,280", original_price: "", available: false };
        assert_eq!(words.product_name(&item), "注目、花瓶、￥1,280、売り切れ");
        let words = Words::new("ar");
        let item = ProductText { title: "مزهرية", price: "١٢٨٠", available: true, ..Default::default() };
        assert_eq!(words.product_name(&item), "مزهرية، ١٢٨٠");
    }

    #[test]
    fn a_pinned_button_name_begins_with_the_button_text_and_names_the_product() {
        let mut words = Words::new("en");
        assert_eq!(words.product_action(Message::Buy, "Cloisonne vase"), "Buy now: Cloisonne vase");
        assert_eq!(words.product_action(Message::AddToCart, "Vase"), "Add to cart: Vase");
        words.replace_overrides([("buy", "Checkout")]);
        assert_eq!(words.product_action(Message::Buy, "Vase"), "Checkout: Vase", "the override of the text carries into the name");
        assert_eq!(Words::new("zh-CN").product_action(Message::Buy, "花瓶"), "立即购买：花瓶");
    }

    #[test]
    fn a_pinned_button_name_begins_with_the_button_text_in_every_language() {
        for catalog in &CATALOGS {
            let words = Words::new(catalog.tag);
            for action in [Message::Buy, Message::AddToCart] {
                let name = words.product_action(action, "T");
                assert!(name.starts_with(words.text(action)), "{} {name}", catalog.tag);
                assert!(name.contains('T'), "{} {name}", catalog.tag);
            }
        }
    }

    #[test]
    fn new_products_in_view_are_announced_by_name_up_to_three_then_by_number() {
        let words = Words::new("en");
        assert_eq!(words.new_in_view(&["Vase"], "1", Plural::One), "New: Vase");
        assert_eq!(words.new_in_view(&["Vase", "Teapot", "Cup"], "3", Plural::Other), "New: Vase, Teapot, Cup");
        assert_eq!(words.new_in_view(&["a", "b", "c", "d"], "4", Plural::Other), "4 new products");
        let ru = Words::new("ru");
        let five = ["a", "b", "c", "d", "e"];
        assert_eq!(ru.new_in_view(&five, "5", Plural::Many), "5 новых товаров");
        assert_eq!(Words::new("zh-TW").new_in_view(&["花瓶", "茶壺"], "2", Plural::Other), "新商品：花瓶、茶壺");
    }

    #[test]
    fn the_was_price_is_empty_without_an_original_price() {
        let words = Words::new("de");
        assert_eq!(words.was_price(""), "");
        assert_eq!(words.was_price("15,80 €"), "statt 15,80 €");
    }

    // ---- format ----------------------------------------------------------------------------

    #[test]
    fn format_fills_every_known_placeholder() {
        assert_eq!(format("Shop ({count})", &[("count", "3")]), "Shop (3)");
        assert_eq!(format("{a}{b}{a}", &[("a", "1"), ("b", "2")]), "121");
        assert_eq!(format("", &[("a", "1")]), "");
        assert_eq!(format("no placeholders", &[]), "no placeholders");
    }

    #[test]
    fn format_leaves_unknown_and_unclosed_placeholders_as_text() {
        assert_eq!(format("{nope} {count}", &[("count", "3")]), "{nope} 3");
        assert_eq!(format("{count", &[("count", "3")]), "{count");
        assert_eq!(format("{", &[]), "{");
        assert_eq!(format("}{", &[]), "}{");
        assert_eq!(format("{{count}}", &[("count", "3")]), "{3}");
        assert_eq!(format("{{count}", &[("count", "3")]), "{3");
        assert_eq!(format("{}", &[("", "empty")]), "empty");
        assert_eq!(format("{ count }", &[("count", "3")]), "{ count }");
        assert_eq!(format("a { b", &[]), "a { b");
    }

    #[test]
    fn format_inserts_values_as_they_are() {
        assert_eq!(format("{title}", &[("title", "{title}"), ("x", "y")]), "{title}");
        assert_eq!(format("{a}{b}", &[("a", "{b"), ("b", "}")]), "{b}");
        assert_eq!(format("«{t}»", &[("t", "花瓶 🏺")]), "«花瓶 🏺»");
    }

    proptest::proptest! {
        #[test]
        fn format_never_panics_and_keeps_text_without_braces(template in ".{0,40}", value in ".{0,10}") {
            let out = format(&template, &[("count", &value), ("title", "T")]);
            if !template.contains('{') {
                proptest::prop_assert_eq!(out, template);
            }
        }

        #[test]
        fn format_with_no_values_returns_the_template(template in "[{}a-z\u{4e00}-\u{4e10}]{0,30}") {
            proptest::prop_assert_eq!(format(&template, &[]), template);
        }

        #[test]
        fn lookup_never_panics_and_always_finds_a_catalog(locale in ".{0,24}") {
            let catalog = lookup(&locale);
            proptest::prop_assert!(CATALOGS.iter().any(|c| std::ptr::eq(c, catalog)));
        }

        #[test]
        fn overrides_never_panic_on_any_key(name in ".{0,30}", text in ".{0,30}") {
            let mut words = Words::new("en");
            let unknown = words.replace_overrides([(name.as_str(), text.as_str())]);
            proptest::prop_assert_eq!(unknown.is_empty(), Key::parse(&name).is_some());
        }
    }
}
