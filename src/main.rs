//! Entry point of the web app (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    chamdiem::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("chamdiem-app is the web app: build it with `make serve` (Trunk, wasm32).");
    eprintln!("For the native tools see `cargo run --example chamdiem`.");
}
