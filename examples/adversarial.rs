//! The hostile workbooks of tests/adversarial.rs, at the sizes the attacks
//! used, each answered as the app answers a file: imported in the worker,
//! its result encoded for the page, decoded there and its totals computed
//! (every unit × criterion). Prints a table: attack, input bytes, time,
//! peak memory, outcome.
//!
//! ```sh
//! cargo run --release --example adversarial            # every attack
//! cargo run --release --example adversarial -- 5       # the sixth only
//! ```
//!
//! Each attack runs in a child process (this program again, with its
//! number), so that one that runs out of memory or time (the code before
//! the fix) neither takes the others down nor runs for ever: it is stopped
//! after `ADVERSARIAL_TIMEOUT` seconds (default 120). Memory is the most
//! the allocator held at once during the answer, over what it held before
//! (the generated file); `VmHWM` (the process's resident peak, generation
//! included) is printed beside it.

use chamdiem::model::{saved, Results};
use chamdiem::xlsx::{self, ImportOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[allow(dead_code, unused_imports)]
#[path = "../tests/adversarial.rs"]
mod adversarial;

/// The system allocator, counting the bytes it holds and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let now = HELD.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                HELD.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The process's resident peak, in kB (`VmHWM`).
fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// What the app makes of a file: the worker's import and the reply it
/// sends, and the page taking that reply in.
fn answer(bytes: &[u8]) -> String {
    match xlsx::import(bytes, &ImportOptions::default()) {
        Ok(imp) => {
            // The worker's reply…
            let sheet = saved::encode(&imp.sheet);
            let report = serde_json::to_string(&imp.report).unwrap_or_default();
            // …and the page's side of it.
            let decoded = saved::decode(&sheet).map(|s| Results::compute(&s).units.len());
            let back: Result<xlsx::Report, _> = serde_json::from_str(&report);
            format!(
                "imported: {} rows, {} units, {} warnings; reply {} KB{}",
                imp.sheet.nodes.len(),
                imp.sheet.units.len(),
                imp.report.warnings.len(),
                (sheet.len() + report.len()) / 1024,
                if decoded.is_ok() && back.is_ok() {
                    ""
                } else {
                    " (not decoded)"
                }
            )
        }
        Err(e) => {
            let detail = e.detail().map(|d| format!(" ({d})")).unwrap_or_default();
            let message: String = e.message().chars().take(70).collect();
            format!("refused: {}{detail}: {message}…", e.code())
        }
    }
}

/// Runs one attack, in this process: one line of results on stdout.
fn run_one(i: usize) {
    let list = adversarial::attacks::catalogue();
    let Some((_, make)) = list.get(i) else {
        eprintln!("no attack {i}: 0 to {}", list.len() - 1);
        std::process::exit(2);
    };
    let bytes = make();
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let outcome = answer(&bytes);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!(
        "{}\t{ms:.0}\t{peak}\t{}\t{outcome}",
        bytes.len(),
        vm_hwm_kb()
    );
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 10 << 20 => format!("{} MB", b >> 20),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} B"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, i] = args.as_slice() {
        if flag == "--one" {
            run_one(i.parse().unwrap_or(usize::MAX));
            return;
        }
    }
    let only: Option<usize> = args.first().and_then(|a| a.parse().ok());
    let timeout = std::env::var("ADVERSARIAL_TIMEOUT")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(120);
    let exe = std::env::current_exe().expect("this program's path");
    println!("| attack | input | time | peak memory (VmHWM) | outcome |");
    println!("|---|---:|---:|---:|---|");
    for (i, (name, _)) in adversarial::attacks::catalogue().iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let mut child = Command::new(&exe)
            .args(["--one", &i.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run an attack");
        let start = Instant::now();
        let status = loop {
            if let Ok(Some(status)) = child.try_wait() {
                break Some(status);
            }
            if start.elapsed() > Duration::from_secs(timeout) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut out = String::new();
        if let Some(mut stdout) = child.stdout.take() {
            use std::io::Read;
            let _ = stdout.read_to_string(&mut out);
        }
        let fields: Vec<&str> = out.trim_end().splitn(5, '\t').collect();
        let row = match (status, fields.as_slice()) {
            (Some(s), [bytes, ms, peak, hwm, outcome]) if s.success() => {
                let bytes: u64 = bytes.parse().unwrap_or(0);
                let peak: u64 = peak.parse().unwrap_or(0);
                let hwm: u64 = hwm.parse().unwrap_or(0);
                format!(
                    "| {name} | {} | {:.2} s | {} ({}) | {outcome} |",
                    size(bytes),
                    ms.parse::<f64>().unwrap_or(0.0) / 1000.0,
                    size(peak),
                    size(hwm * 1024),
                )
            }
            (Some(s), _) => format!("| {name} | | | | crashed ({s}) |"),
            (None, _) => format!("| {name} | | > {timeout} s | | stopped after {timeout} s |"),
        };
        println!("{row}");
    }
}
