//! For people debugging a template:
//!
//!   cargo run --release --example chamdiem -- inspect FILE
//!       prints what the import understood, as JSON.
//!
//!   cargo run --release --example chamdiem -- export FILE OUT.xlsx
//!       imports the template FILE (with the scores it holds) and writes
//!       the workbook the app would export for it.
//!
//!   cargo run --release --example chamdiem -- packs FILE OUT.zip
//!       imports FILE and writes its units' packs ("Xuất phiếu cho từng
//!       đơn vị"), one workbook per unit, in a zip.
//!
//! On a file that cannot be imported or exported it prints the
//! (Vietnamese) reason to stderr and exits with status 1.

use chamdiem::model::Scoresheet;
use chamdiem::xlsx::{self, ImportOptions};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: chamdiem inspect FILE\n       chamdiem export FILE OUT.xlsx\n       chamdiem packs FILE OUT.zip"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, file] if cmd == "inspect" => inspect(file),
        [cmd, file, out] if cmd == "export" => export(file, out, xlsx::export),
        [cmd, file, out] if cmd == "packs" => export(file, out, xlsx::packs::export_packs),
        _ => usage(),
    }
}

fn load(file: &str) -> Result<xlsx::Imported, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let opts = ImportOptions {
        file_name: Some(file.to_string()),
        ..Default::default()
    };
    xlsx::import(&bytes, &opts).map_err(|e| format!("{file}: {e}"))
}

fn inspect(file: &str) -> ExitCode {
    match load(file) {
        Ok(imp) => {
            let json = xlsx::import::inspect_json(&imp);
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn export(
    file: &str,
    out: &str,
    write: fn(&Scoresheet) -> Result<Vec<u8>, xlsx::ExportError>,
) -> ExitCode {
    let result = load(file).and_then(|imp| {
        let bytes = write(&imp.sheet).map_err(|e| format!("{file}: {e}"))?;
        std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
