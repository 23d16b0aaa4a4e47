//! Measures criterion text as the grid draws it (its font, 0.86 rem), on a
//! canvas: how many lines a row needs.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub(super) struct TextMeasurer {
    ctx: web_sys::CanvasRenderingContext2d,
    font: String,
    bold: String,
}

impl TextMeasurer {
    /// A measurer in the page's font; none when the canvas is unavailable
    /// (the rows then estimate by character count).
    pub fn new() -> Option<TextMeasurer> {
        let canvas: web_sys::HtmlCanvasElement =
            document().create_element("canvas").ok()?.dyn_into().ok()?;
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        let family = window()
            .get_computed_style(&document().document_element()?)
            .ok()??
            .get_property_value("font-family")
            .unwrap_or_default();
        let px = 16.0 * 0.86;
        Some(TextMeasurer {
            ctx,
            font: format!("{px}px {family}"),
            bold: format!("600 {px}px {family}"),
        })
    }

    pub fn width(&self, text: &str, bold: bool) -> f64 {
        self.ctx
            .set_font(if bold { &self.bold } else { &self.font });
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0)
    }
}
