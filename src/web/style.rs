//! The shadow root's stylesheet: `style.css`, adopted as one constructable stylesheet shared by
//! every instance (no `<style>` elements or `style=""` needed, so a strict CSP works).

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Document, ShadowRoot};

// style.css, minified by build.rs.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

fn shared_sheet() -> Result<CssStyleSheet, JsValue> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        *cell.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })
}

/// Gives `shadow` the stylesheet; falls back to a `<style>` element where constructable
/// stylesheets are missing.
pub fn adopt(shadow: &ShadowRoot, document: &Document) -> Result<(), JsValue> {
    match shared_sheet() {
        Ok(sheet) => {
            let sheets = Array::of1(&sheet);
            Reflect::set(shadow, &JsValue::from_str("adoptedStyleSheets"), &sheets).map(|_| ())
        }
        Err(_) => {
            let style = document.create_element("style")?;
            style.set_text_content(Some(CSS));
            shadow.append_child(style.unchecked_ref()).map(|_| ())
        }
    }
}
