//! The import preview: what was understood (the tree, units and stage
//! columns, rows left out and why), and the corrections a person makes
//! before confirming: the sheet, the header row, the columns, each row's
//! role, kind and maximum. Every change is applied by the import itself
//! (`xlsx::fixes`), in the worker, and the preview shows the new reading;
//! nothing replaces the open sheet until confirmed.

use super::files;
use crate::model::{input, Kind, Tree};
use crate::strings as t;
use crate::xlsx::fixes::Change;
use crate::xlsx::{col_letter, Fixes, Imported, ReadRow, Role, RowRole};
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;

/// A file read and understood, waiting for confirmation. Cheap to clone
/// (closures each hold one): a deep copy of a large scoresheet per column
/// picker took 18 MB on the bench book.
#[derive(Clone)]
pub struct Preview {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
    pub imported: Arc<Imported>,
    /// A correction was made or undone here (so the template's remembered
    /// corrections are saved on confirming).
    pub touched: bool,
}

/// Rows listed at most: a real table has under 300; a hostile one is not
/// drawn whole (its count is said).
const MAX_ROWS_SHOWN: usize = 1500;

/// The preview's state besides the reading itself.
#[derive(Clone, Copy)]
struct Ui {
    preview: RwSignal<Option<Preview>>,
    /// A new reading is on its way.
    busy: RwSignal<bool>,
    /// Sequence of the latest request: an older reply is dropped.
    seq: StoredValue<u32>,
    /// A correction that could not be applied, and where (sheet row).
    error: RwSignal<Option<(Option<u32>, String)>>,
}

impl Ui {
    /// Reads the file again with `fixes` (explicit: nothing remembered is
    /// recalled now, so "Bỏ mọi chỉnh sửa" really goes back to detection).
    fn refix(self, fixes: Fixes) {
        let Some(p) = self.preview.get_untracked() else {
            return;
        };
        let seq = self.seq.get_value().wrapping_add(1);
        self.seq.set_value(seq);
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let result = files::import(&p.bytes, &p.name, &fixes, &[]).await;
            if self.seq.get_value() != seq {
                return;
            }
            self.busy.set(false);
            match result {
                Ok(imported) => {
                    self.error.set(None);
                    self.preview.set(Some(Preview {
                        imported: Arc::new(imported),
                        touched: true,
                        ..p
                    }));
                }
                Err(f) => self.error.set(Some((
                    None,
                    format!("{} {}", t::PREVIEW_FIX_FAILED, f.message),
                ))),
            }
        });
    }

    fn fixes(self) -> Fixes {
        self.preview
            .with_untracked(|p| p.as_ref().map(|p| p.imported.report.fixes.clone()))
            .unwrap_or_default()
    }

    fn change_row(self, row: &ReadRow, change: Change) {
        let mut fixes = self.fixes();
        fixes.change(row, change);
        self.refix(fixes);
    }
}

#[component]
pub fn PreviewDialog(
    preview: RwSignal<Option<Preview>>,
    confirm: impl Fn(ev::MouseEvent) + 'static,
    cancel: impl Fn(ev::MouseEvent) + 'static,
    merge: impl Fn(ev::MouseEvent) + 'static,
) -> impl IntoView {
    let ui = Ui {
        preview,
        busy: RwSignal::new(false),
        seq: StoredValue::new(0),
        error: RwSignal::new(None),
    };
    let imp = move || preview.with(|p| p.as_ref().map(|p| p.imported.clone()));
    let problem = move || imp().and_then(|i| i.report.problem.clone());
    let scored = move || imp().map_or(0, |i| i.sheet.units_with_marks());
    // A file with scores while a scoresheet with units is open is most
    // likely a unit's returned copy: merging it is the highlighted choice
    // (opening it as a new scoresheet stays one click away).
    let ctx = super::Ctx::use_ctx();
    let merge_first = move || scored() > 0 && ctx.sheet.with(|s| !s.units.is_empty());
    let title = move || imp().map(|i| i.sheet.title.clone()).unwrap_or_default();
    let file = move || preview.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let summary = move || {
        imp().map(|i| {
            let (report, sheet) = (&i.report, &i.sheet);
            let tree = Tree::new(sheet);
            let criteria = (0..tree.len()).filter(|&i| tree.is_scoreable(i)).count();
            let sections = tree
                .roots()
                .filter(|&p| tree.kind(p) == Kind::Content && tree.is_section(p))
                .count();
            vec![
                t::import_where(&report.sheet, report.header_row, &report.format),
                t::import_counts(
                    criteria,
                    sections,
                    tree.shown_total_max(),
                    tree.bonus_max,
                    tree.deduction_max,
                ),
                t::import_units(sheet.units.len(), sheet.units_with_marks()),
            ]
            .into_iter()
            .map(|s| view! { <li>{s}</li> })
            .collect_view()
        })
    };
    let recalled = move || imp().and_then(|i| i.report.recalled.clone());
    let any_fix = move || imp().is_some_and(|i| !i.report.fixes.is_empty());
    let unsure = move || imp().is_some_and(|i| i.report.unsure);
    let warnings = move || {
        imp().map(|i| {
            let w: Vec<String> = i.report.warnings.iter().map(|w| w.to_string()).collect();
            if w.is_empty() {
                view! { <p class="muted">{t::IMPORT_NO_WARNINGS}</p> }.into_any()
            } else {
                view! {
                    <ul class="warnings">
                        {w.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        })
    };

    view! {
        <div class="modal-backdrop">
            <div class="modal preview" role="dialog" aria-modal="true" aria-labelledby="import-title" aria-busy=move || ui.busy.get().to_string()>
                <h2 id="import-title">{t::IMPORT_TITLE}</h2>
                <p class="file-title"><strong>{title}</strong>" — "{file}</p>
                <ul class="import-summary">{summary}</ul>
                {move || recalled().map(|r| view! {
                    <p class="status ok" role="status">{t::preview_recalled(&r)}</p>
                })}
                {move || problem().map(|p| view! { <p class="status error" role="alert">{p}</p> })}
                {move || (unsure() && problem().is_none()).then(|| view! {
                    <p class="status warn" role="alert">{t::IMPORT_UNSURE}</p>
                })}
                {move || ui.error.get().filter(|(at, _)| at.is_none()).map(|(_, e)| view! {
                    <p class="status error" role="alert">{e}</p>
                })}
                <details class="columns" open=move || unsure() || problem().is_some()>
                    <summary>{t::IMPORT_COLUMNS}</summary>
                    <Placement ui=ui />
                </details>
                <UnitsFound ui=ui />
                <h3>
                    {t::PREVIEW_ROWS}
                    <Show when=move || ui.busy.get()>
                        <span class="status busy inline" role="status"><span class="spinner" aria-hidden="true"></span>{t::PREVIEW_WORKING}</span>
                    </Show>
                </h3>
                <p class="muted small">{t::PREVIEW_ROWS_HINT}</p>
                <RowsTable ui=ui />
                <h3>{t::IMPORT_WARNINGS}</h3>
                {warnings}
                // Why there is no merge button: said where it would be.
                <Show when=move || scored() == 0 && problem().is_none()>
                    <p class="muted">{t::IMPORT_NOTHING_TO_MERGE}</p>
                </Show>
                <div class="actions">
                    <button class:primary=move || !merge_first() on:click=confirm
                        disabled=move || problem().is_some() || ui.busy.get()>{t::IMPORT_CONFIRM}</button>
                    <button class:primary=merge_first on:click=merge hidden=move || scored() == 0
                        disabled=move || ui.busy.get()>{t::IMPORT_MERGE}</button>
                    <Show when=any_fix>
                        <button on:click=move |_| ui.refix(Fixes::default())>{t::PREVIEW_UNDO_FIXES}</button>
                    </Show>
                    <button on:click=cancel>{t::IMPORT_CANCEL}</button>
                </div>
            </div>
        </div>
    }
}

/// The sheet, the header row and the column of each role.
#[component]
fn Placement(ui: Ui) -> impl IntoView {
    let report = move || {
        ui.preview
            .with(|p| p.as_ref().map(|p| p.imported.clone()))
            .map(|i| i.report.clone())
    };
    let set = move |f: Box<dyn FnOnce(&mut Fixes)>| {
        let mut fixes = ui.fixes();
        f(&mut fixes);
        ui.refix(fixes);
    };
    let sheets = move || {
        report().filter(|r| r.sheets.len() > 1).map(|r| {
            let options = r
                .sheets
                .iter()
                .map(|s| view! { <option value=s.clone() selected=*s == r.sheet>{s.clone()}</option> })
                .collect_view();
            view! {
                <label class="col-pick">
                    <span>{t::PREVIEW_SHEET}</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |f| {
                            f.sheet = Some(v);
                            // Another sheet: its own header and columns.
                            f.header_row = None;
                            f.columns = None;
                            f.rows.clear();
                        }));
                    }>{options}</select>
                </label>
            }
        })
    };
    let header = move || {
        report().map(|r| {
            let current = r.header_row.saturating_sub(1);
            let options = r
                .top_rows
                .iter()
                .map(|(at, words)| {
                    let label: String = format!("{}: {}", at + 1, words).chars().take(70).collect();
                    view! { <option value=at.to_string() selected=*at == current>{label}</option> }
                })
                .collect_view();
            view! {
                <label class="col-pick wide">
                    <span>{t::PREVIEW_HEADER_ROW}</span>
                    <select on:change=move |ev| {
                        if let Ok(at) = event_target_value(&ev).parse::<u32>() {
                            set(Box::new(move |f| {
                                f.header_row = Some(at);
                                // Columns belong to a header: detected again.
                                f.columns = None;
                            }));
                        }
                    }>{options}</select>
                </label>
            }
        })
    };
    let columns = move || {
        report().map(|r| {
            Role::ALL
                .into_iter()
                .map(|role| {
                    let current = r.columns.get(&role).copied();
                    let options = r
                        .header_cells
                        .iter()
                        .map(|(c, text)| {
                            let short: String = text.chars().take(30).collect();
                            view! {
                                <option value=c.to_string() selected=current == Some(*c)>
                                    {format!("{}: {}", col_letter(*c), short)}
                                </option>
                            }
                        })
                        .collect_view();
                    let all = r.columns.clone();
                    view! {
                        <label class="col-pick">
                            <span>{t::role_name(role)}</span>
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev).parse::<u32>().ok();
                                let mut cols = all.clone();
                                match v {
                                    Some(c) => cols.insert(role, c),
                                    None => cols.remove(&role),
                                };
                                set(Box::new(move |f| f.columns = Some(cols)));
                            }>
                                <option value="" selected=current.is_none()>{t::IMPORT_NO_COLUMN}</option>
                                {options}
                            </select>
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="col-grid">{sheets}{header}{columns}</div>
    }
}

/// The units found and their stage columns.
#[component]
fn UnitsFound(ui: Ui) -> impl IntoView {
    move || {
        let imp = ui
            .preview
            .with(|p| p.as_ref().map(|p| p.imported.clone()))?;
        let r = &imp.report;
        let mut lines: Vec<String> = r
            .unit_columns
            .iter()
            .map(|u| {
                let cols: Vec<String> = u
                    .columns
                    .iter()
                    .map(|(role, c)| format!("{} {}", t::role_name(*role), col_letter(*c)))
                    .collect();
                format!("{}: {}", u.name, cols.join(", "))
            })
            .collect();
        if !r.unit_sheets.is_empty() {
            // The units as they will be named (a name line in the sheet,
            // else the sheet's or the file's name), then where they were read.
            let names: Vec<String> = imp.sheet.units.iter().map(|u| u.name.clone()).collect();
            lines.push(t::preview_unit_names(&names));
            lines.push(t::preview_unit_sheets(&r.unit_sheets));
        }
        if lines.is_empty() {
            return None;
        }
        // One unit's returned file: its name in sight, not folded away.
        let open = imp.sheet.units.len() == 1;
        Some(view! {
            <details class="units-found" open=open>
                <summary>{format!("{} ({})", t::PREVIEW_UNITS, imp.sheet.units.len())}</summary>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </details>
        })
    }
}

/// Every row as read, each with its role, kind and maximum to correct.
#[component]
fn RowsTable(ui: Ui) -> impl IntoView {
    let rows = move || {
        ui.preview
            .with(|p| p.as_ref().map(|p| p.imported.report.rows.clone()))
            .unwrap_or_default()
    };
    let more = move || {
        let n = rows().len();
        (n > MAX_ROWS_SHOWN).then(|| {
            view! { <p class="muted small">{t::preview_more_rows(n - MAX_ROWS_SHOWN)}</p> }
        })
    };
    view! {
        <div class="preview-rows" tabindex="0">
            <table>
                <thead>
                    <tr>
                        <th class="num">{t::PREVIEW_ROW}</th>
                        <th>{t::PREVIEW_CODE}</th>
                        <th>{t::PREVIEW_TEXT}</th>
                        <th>{t::PREVIEW_ROLE}</th>
                        <th>{t::PREVIEW_KIND}</th>
                        <th class="num">{t::PREVIEW_MAX}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows().into_iter().take(MAX_ROWS_SHOWN)
                        key=|r| (r.at, r.key.clone(), r.role, r.kind, r.max, r.code.clone(), r.depth, r.fixed, r.why.clone())
                        children=move |r| view! { <RowLine ui=ui row=r /> }
                    />
                </tbody>
            </table>
        </div>
        {more}
    }
}

#[component]
fn RowLine(ui: Ui, row: ReadRow) -> impl IntoView {
    let row = Arc::new(row);
    let left_out = matches!(
        row.role,
        RowRole::Total | RowRole::Skip | RowRole::SkipBlock
    );
    let class = format!(
        "role-{}{}",
        row.role.code(),
        if row.fixed { " fixed" } else { "" }
    );
    let scored_part = matches!(row.role, RowRole::Section | RowRole::Criterion);
    let indent = format!(
        "padding-left: {}rem",
        0.3 + f32::from(row.depth.min(8)) * 1.1
    );
    let text = if row.text.is_empty() {
        row.label.clone()
    } else {
        row.text.clone()
    };
    let role_pick = {
        let row = row.clone();
        let options = RowRole::ALL
            .into_iter()
            .map(|r| view! { <option value=r.code() selected=r == row.role>{t::row_role_name(r)}</option> })
            .collect_view();
        let label = format!("{} {}", t::PREVIEW_ROLE, row.at + 1);
        view! {
            <select aria-label=label on:change=move |ev| {
                if let Some(r) = RowRole::from_code(&event_target_value(&ev)) {
                    ui.change_row(&row, Change::Role(r));
                }
            }>{options}</select>
        }
    };
    let kind_pick = scored_part.then(|| {
        let row = row.clone();
        let options = [Kind::Content, Kind::Bonus, Kind::Deduction]
            .into_iter()
            .map(|k| view! { <option value=t::kind_short(k) selected=k == row.kind>{t::kind_short(k)}</option> })
            .collect_view();
        let label = format!("{} {}", t::PREVIEW_KIND, row.at + 1);
        view! {
            <select aria-label=label class=format!("kind-{}", t::kind_short(row.kind)) on:change=move |ev| {
                let v = event_target_value(&ev);
                let k = [Kind::Content, Kind::Bonus, Kind::Deduction]
                    .into_iter()
                    .find(|k| t::kind_short(*k) == v);
                if let Some(k) = k {
                    ui.change_row(&row, Change::Kind(k));
                }
            }>{options}</select>
        }
    });
    // A content section's points are its criteria's sum (calc rule 3): its
    // stated maximum is shown, not offered for editing (a change would not
    // count); the criteria's maxima are.
    let content_section = row.role == RowRole::Section && row.kind == Kind::Content;
    let max_input = (scored_part && !content_section).then(|| {
        let row = row.clone();
        let at = row.at;
        let shown = row.max.map(|d| d.to_vi()).unwrap_or_default();
        let label = format!("{} {}", t::PREVIEW_MAX, at + 1);
        let title = row.cap_in_title.then_some(t::PREVIEW_CAP_IN_TITLE);
        view! {
            <input class="max" inputmode="decimal" aria-label=label title=title value=shown
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if v.trim().is_empty() {
                        ui.change_row(&row, Change::Max(None));
                        return;
                    }
                    match input::max(&v) {
                        Ok(d) => ui.change_row(&row, Change::Max(Some(d))),
                        Err(_) => ui.error.set(Some((Some(at), t::PREVIEW_BAD_MAX.to_string()))),
                    }
                }
            />
            {move || ui.error.get().filter(|(a, _)| *a == Some(at)).map(|(_, e)| view! {
                <span class="cell-error" role="alert">{e}</span>
            })}
        }
    });
    let section_max = content_section.then(|| {
        let shown = row.max.map(|d| d.to_vi()).unwrap_or_default();
        view! { <span class="max muted" title=t::PREVIEW_SECTION_SUM>{shown}</span> }
    });
    let reset = row.fixed.then(|| {
        let row = row.clone();
        view! {
            <button class="link small" title=t::PREVIEW_RESET_ROW on:click=move |_| ui.change_row(&row, Change::Reset)>
                {t::PREVIEW_FIXED}" ×"
            </button>
        }
    });
    view! {
        <tr class=class>
            <td class="num muted">{row.at + 1}</td>
            <td class="code">{row.code.clone()}</td>
            <td class="text" style=indent>
                <span class="words">{text}</span>
                {(left_out || row.why.is_some()).then(|| row.why.clone().map(|w| view! { <span class="why">{format!(" — {w}")}</span> }))}
                {reset}
            </td>
            <td>{role_pick}</td>
            <td>{kind_pick}</td>
            <td class="num">{max_input}{section_max}</td>
        </tr>
    }
}
