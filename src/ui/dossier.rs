//! "Hồ sơ gửi Ban Thi đua": the short form of the bloc meeting (when,
//! where, who chaired and kept the minutes, the members present and
//! absent, the units proposed for an award and the votes), kept with the
//! scoresheet (`Op::SetMeeting`, allowed on locked results), and the
//! downloads it fills: the biên bản, the báo cáo, and the whole dossier.

use super::export::{export_document, export_dossier, Said};
use super::status::FileStatus;
use super::Ctx;
use crate::docx::Document;
use crate::model::meeting::{Meeting, MeetingError, Proposal};
use crate::model::Op;
use crate::strings as t;
use leptos::prelude::*;

/// A proposal as typed: the counts are text until saved.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    unit: u32,
    award: String,
    votes_for: String,
    voters: String,
}

/// The text fields of the form, one signal each.
#[derive(Clone, Copy)]
struct Form {
    number: RwSignal<String>,
    when: RwSignal<String>,
    place: RwSignal<String>,
    chair: RwSignal<String>,
    secretary: RwSignal<String>,
    present: RwSignal<String>,
    absent: RwSignal<String>,
    rows: RwSignal<Vec<Row>>,
}

impl Form {
    fn new(m: &Meeting) -> Form {
        let rows = m
            .proposals
            .iter()
            .map(|p| Row {
                unit: p.unit,
                award: p.award.clone(),
                votes_for: p.votes_for.to_string(),
                voters: p.voters.to_string(),
            })
            .collect();
        Form {
            number: RwSignal::new(m.number.clone()),
            when: RwSignal::new(m.when.clone()),
            place: RwSignal::new(m.place.clone()),
            chair: RwSignal::new(m.chair.clone()),
            secretary: RwSignal::new(m.secretary.clone()),
            present: RwSignal::new(m.present.join("\n")),
            absent: RwSignal::new(m.absent.join("\n")),
            rows: RwSignal::new(rows),
        }
    }

    /// Reads every field (for an effect to follow the form).
    fn track(&self) {
        for f in [
            self.number,
            self.when,
            self.place,
            self.chair,
            self.secretary,
            self.present,
            self.absent,
        ] {
            f.track();
        }
        self.rows.track();
    }

    /// The meeting as typed with `proposals` instead of the typed ones.
    fn without_proposals(&self, proposals: Vec<Proposal>) -> Meeting {
        let lines = |s: RwSignal<String>| s.get_untracked().lines().map(String::from).collect();
        Meeting {
            number: self.number.get_untracked(),
            when: self.when.get_untracked(),
            place: self.place.get_untracked(),
            chair: self.chair.get_untracked(),
            secretary: self.secretary.get_untracked(),
            present: lines(self.present),
            absent: lines(self.absent),
            proposals,
        }
        .tidy()
    }

    /// The meeting as typed, or what is wrong with it (in Vietnamese).
    fn meeting(&self, units: &[u32]) -> Result<Meeting, String> {
        let count = |s: &str| s.trim().parse::<u32>().map_err(|_| t::DOSSIER_VOTES_NUMBER);
        let mut proposals = Vec::new();
        for r in self.rows.get_untracked() {
            proposals.push(Proposal {
                unit: r.unit,
                award: r.award,
                votes_for: count(&r.votes_for)?,
                voters: count(&r.voters)?,
            });
        }
        let m = self.without_proposals(proposals);
        m.validate(units).map_err(|e| match e {
            MeetingError::VotesOverVoters(i) => t::dossier_votes_over(i + 1),
            MeetingError::VotersOverPresent(i) => {
                t::dossier_voters_over(i + 1, m.members_present())
            }
            MeetingError::UnknownUnit(i) => t::dossier_unknown_unit(i + 1),
        })?;
        Ok(m)
    }
}

/// A labelled text field bound to `value`.
fn field(label: &'static str, value: RwSignal<String>, hint: &'static str) -> impl IntoView {
    view! {
        <label class="dossier-field">
            <span>{label}</span>
            <input
                type="text"
                placeholder=hint
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

fn lines_field(label: &'static str, value: RwSignal<String>, hint: &'static str) -> impl IntoView {
    view! {
        <label class="dossier-field wide">
            <span>{label}</span>
            <textarea
                rows="4"
                placeholder=hint
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </label>
    }
}

/// The proposals, one line each: unit, award, votes for, members voting.
fn proposals(form: Form) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let units = move || {
        ctx.with_structure(|s| {
            s.units
                .iter()
                .map(|u| (u.id, u.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        // The first unit by final rank not proposed yet.
        let next = ctx.sheet.with_untracked(|s| {
            ctx.results.with_untracked(|r| {
                let taken: Vec<u32> = form
                    .rows
                    .with_untracked(|v| v.iter().map(|x| x.unit).collect());
                r.final_order()
                    .into_iter()
                    .map(|i| s.units[i].id)
                    .find(|id| !taken.contains(id))
            })
        });
        if let Some(unit) = next {
            let voters = form
                .present
                .with_untracked(|p| p.lines().filter(|l| !l.trim().is_empty()).count());
            form.rows.update(|v| {
                v.push(Row {
                    unit,
                    award: t::DOSSIER_DEFAULT_AWARD.to_string(),
                    votes_for: String::new(),
                    voters: if voters > 0 {
                        voters.to_string()
                    } else {
                        String::new()
                    },
                })
            });
        }
    };
    let row_view = move |i: usize| {
        let get = move |f: fn(&Row) -> String| {
            move || form.rows.with(|v| v.get(i).map(f).unwrap_or_default())
        };
        let set = move |f: fn(&mut Row, String)| {
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                form.rows.update(|v| {
                    if let Some(r) = v.get_mut(i) {
                        f(r, value);
                    }
                })
            }
        };
        let options = move || {
            let current = form.rows.with(|v| v.get(i).map(|r| r.unit));
            units()
                .into_iter()
                .map(|(id, name)| view! { <option value=id.to_string() selected=current == Some(id)>{name}</option> })
                .collect_view()
        };
        let n = i + 1;
        view! {
            <tr>
                <td>
                    <select aria-label=t::dossier_proposal_unit(n) on:change=set(|r, v| r.unit = v.parse().unwrap_or(r.unit))>
                        {options}
                    </select>
                </td>
                <td><input type="text" aria-label=t::dossier_proposal_award(n) prop:value=get(|r| r.award.clone()) on:input=set(|r, v| r.award = v) /></td>
                <td><input type="text" inputmode="numeric" class="num" aria-label=t::dossier_proposal_for(n) prop:value=get(|r| r.votes_for.clone()) on:input=set(|r, v| r.votes_for = v) /></td>
                <td><input type="text" inputmode="numeric" class="num" aria-label=t::dossier_proposal_voters(n) prop:value=get(|r| r.voters.clone()) on:input=set(|r, v| r.voters = v) /></td>
                <td><button class="link" on:click=move |_| form.rows.update(|v| { if i < v.len() { v.remove(i); } })>{t::DOSSIER_REMOVE}</button></td>
            </tr>
        }
    };
    view! {
        <table class="dossier-proposals">
            <thead>
                <tr>
                    <th scope="col">{t::COL_UNIT}</th>
                    <th scope="col">{t::DOSSIER_AWARD}</th>
                    <th scope="col">{t::DOSSIER_VOTES_FOR}</th>
                    <th scope="col">{t::DOSSIER_VOTERS}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {move || (0..form.rows.with(Vec::len)).map(row_view).collect_view()}
            </tbody>
        </table>
        <button on:click=add>{t::DOSSIER_ADD}</button>
    }
}

#[component]
pub fn DossierDialog(close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = Ctx::use_ctx();
    let form = Form::new(&ctx.sheet.with_untracked(|s| s.meeting.clone()));
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let exporting: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let said = Said {
        exporting,
        status: FileStatus::use_status(),
    };
    // Keeps what was typed with the scoresheet; false (and says why) when
    // a proposal cannot be kept: then everything else is kept, with the
    // proposals as last kept, and the form keeps what was typed.
    let save = move || -> bool {
        let units: Vec<u32> = ctx
            .sheet
            .with_untracked(|s| s.units.iter().map(|u| u.id).collect());
        let (m, ok) = match form.meeting(&units) {
            Ok(m) => {
                error.set(None);
                (m, true)
            }
            Err(why) => {
                error.set(Some(why));
                let kept = ctx.sheet.with_untracked(|s| s.meeting.proposals.clone());
                (form.without_proposals(kept), false)
            }
        };
        if ctx.sheet.with_untracked(|s| s.meeting != m) {
            ctx.edit(vec![Op::SetMeeting(m)]);
        }
        ok
    };
    // Kept as typed, not only on closing: a reload or a closed tab with the
    // dialog open lost the whole form (secretary run, 02/12/2026). Half a
    // second after the last key, one undo step per pause.
    let pause = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        form.track();
        if first.is_some() {
            if let Some(h) = pause.get_value() {
                h.clear();
            }
            let h = set_timeout_with_handle(
                move || {
                    save();
                },
                std::time::Duration::from_millis(500),
            )
            .ok();
            pause.set_value(h);
        }
    });
    // Leaving the page within that half second: kept before the
    // workspace saves (its pagehide hook).
    ctx.set_flush(
        "meeting",
        Some(Callback::new(move |_| {
            save();
        })),
    );
    on_cleanup(move || {
        ctx.set_flush("meeting", None);
        if let Some(h) = pause.get_value() {
            h.clear();
        }
    });
    let download = move |doc: Option<Document>| {
        if !save() {
            return;
        }
        let sheet = ctx.sheet.get_untracked();
        match doc {
            Some(d) => export_document(said, sheet, d),
            None => export_dossier(said, sheet),
        }
    };
    let busy = move || exporting.get().is_some();
    view! {
        <div class="modal-backdrop">
            <div class="modal wide dossier" role="dialog" aria-modal="true" aria-labelledby="dossier-title">
                <h2 id="dossier-title">{t::DOSSIER_TITLE}</h2>
                <p class="muted">{t::DOSSIER_HINT}</p>
                <div class="dossier-grid">
                    {field(t::DOSSIER_NUMBER, form.number, t::DOSSIER_NUMBER_HINT)}
                    {field(t::DOSSIER_WHEN, form.when, t::DOSSIER_WHEN_HINT)}
                    {field(t::DOSSIER_PLACE, form.place, t::DOSSIER_PLACE_HINT)}
                    {field(t::DOSSIER_CHAIR, form.chair, t::DOSSIER_CHAIR_HINT)}
                    {field(t::DOSSIER_SECRETARY, form.secretary, t::DOSSIER_SECRETARY_HINT)}
                    {lines_field(t::DOSSIER_PRESENT, form.present, t::DOSSIER_LINES_HINT)}
                    {lines_field(t::DOSSIER_ABSENT, form.absent, t::DOSSIER_LINES_HINT)}
                </div>
                <h3>{t::DOSSIER_PROPOSALS}</h3>
                {proposals(form)}
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button class="primary" disabled=busy on:click=move |_| download(None)>{t::DOSSIER_DOWNLOAD_ALL}</button>
                    <button disabled=busy on:click=move |_| download(Some(Document::Minutes))>{t::DOSSIER_DOWNLOAD_MINUTES}</button>
                    <button disabled=busy on:click=move |_| download(Some(Document::Report))>{t::DOSSIER_DOWNLOAD_REPORT}</button>
                    // What was typed is kept on closing (never dropped);
                    // what cannot be kept is said, and the form stays.
                    <button on:click=move |_| { if save() { close(); } }>{t::CLOSE}</button>
                    {move || exporting.get().map(|what| view! {
                        <span class="status busy" role="status"><span class="spinner" aria-hidden="true"></span>{what}</span>
                    })}
                </div>
            </div>
        </div>
    }
}
