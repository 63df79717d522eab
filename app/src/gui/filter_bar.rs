//! The filter bar: a sysdig filter typed with live validation (the error's
//! column marked under the text), completion of field names, and clauses
//! appended by clicks elsewhere.
//!
//! The bar only edits text; applying a filter is an [`Action`] for the
//! app, which matches events off the UI thread.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Fill, Theme};
use scapscope_core::fields;
use scapscope_core::filter::{Filter, FilterError};

use super::style::{self, MONO};

/// The id of the text input (Ctrl+F focuses it).
pub const INPUT_ID: &str = "filter-input";

/// Completions shown at most.
const MAX_COMPLETIONS: usize = 8;

/// The bar's state.
#[derive(Debug, Clone, Default)]
pub struct FilterBar {
    /// The text being edited.
    text: String,
    /// Why the text is not a valid filter (an empty text is valid: no
    /// filter).
    error: Option<FilterError>,
    /// The filter applied last (its canonical text is shown).
    applied: Option<Filter>,
}

/// What the bar reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// The text changed.
    Edited(String),
    /// Enter was pressed.
    Submitted,
    /// A completion was chosen.
    Completed(&'static str),
    /// The clear button was pressed.
    Cleared,
}

/// What the app should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing.
    None,
    /// Apply this filter (`None`: no filter).
    Apply(Option<Filter>),
}

impl FilterBar {
    /// The text being edited.
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Why the text is not a valid filter.
    #[cfg(test)]
    pub fn error(&self) -> Option<&FilterError> {
        self.error.as_ref()
    }

    /// The filter applied last.
    #[cfg(test)]
    pub fn applied(&self) -> Option<&Filter> {
        self.applied.as_ref()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Edited(t) => {
                self.text = t;
                self.validate();
                Action::None
            }
            Message::Submitted => self.submit(),
            Message::Completed(name) => {
                let start = self.token_start();
                self.text.truncate(start);
                self.text.push_str(name);
                self.text.push(' ');
                self.validate();
                Action::None
            }
            Message::Cleared => {
                self.text.clear();
                self.error = None;
                self.submit()
            }
        }
    }

    /// Shows `filter` as the applied one (Back/Forward restored it).
    pub fn show_applied(&mut self, filter: Option<&Filter>) {
        self.applied = filter.cloned();
        self.text = filter.map(ToString::to_string).unwrap_or_default();
        self.error = None;
    }

    /// Appends `clause` with `and` (a click in a table or the details)
    /// and applies the result when it is valid.
    pub fn append_clause(&mut self, clause: &str) -> Action {
        let base = match (&self.applied, self.text.trim()) {
            // Build on what is applied, not on a half-typed edit.
            (Some(f), _) => f.to_string(),
            (None, _) => String::new(),
        };
        self.text = if base.is_empty() {
            clause.to_string()
        } else {
            // Structural `and` (brackets where needed), not string pasting.
            match (Filter::parse(&base), Filter::parse(clause)) {
                (Ok(a), Ok(b)) => Filter::and(a, b).to_string(),
                _ => format!("({base}) and {clause}"),
            }
        };
        self.validate();
        self.submit()
    }

    fn submit(&mut self) -> Action {
        if self.text.trim().is_empty() {
            self.error = None;
            self.applied = None;
            return Action::Apply(None);
        }
        match Filter::parse(&self.text) {
            Ok(f) => {
                self.error = None;
                self.applied = Some(f.clone());
                Action::Apply(Some(f))
            }
            Err(e) => {
                self.error = Some(e);
                Action::None
            }
        }
    }

    fn validate(&mut self) {
        self.error = if self.text.trim().is_empty() {
            None
        } else {
            Filter::parse(&self.text).err()
        };
    }

    /// Byte index where the word under the (end) cursor starts.
    fn token_start(&self) -> usize {
        self.text
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | ')' | ','))
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// Field names that complete the word being typed.
    pub fn completions(&self) -> Vec<&'static str> {
        let word = &self.text[self.token_start()..];
        if word.len() < 2
            || !word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
        {
            return Vec::new();
        }
        fields::field_list()
            .map(|(name, _)| name)
            .filter(|name| name.starts_with(word) && *name != word)
            .take(MAX_COMPLETIONS)
            .collect()
    }

    /// The bar.
    pub fn view(&self) -> Element<'_, Message> {
        let input = text_input(
            "filter, e.g. proc.name=nginx and evt.type in (read, write)   (Ctrl+F)",
            &self.text,
        )
        .id(INPUT_ID)
        .on_input(Message::Edited)
        .on_submit(Message::Submitted)
        .font(MONO)
        .size(14)
        .padding([4, 8]);
        let mut bar = row![
            input,
            button(text("Apply").size(13))
                .on_press(Message::Submitted)
                .padding([4, 10]),
            button(text("Clear").size(13))
                .on_press(Message::Cleared)
                .padding([4, 10]),
        ]
        .spacing(6)
        .align_y(iced::Center);
        if self.applied.is_some() && self.error.is_none() {
            bar = bar.push(text("applied").size(12).style(|t: &Theme| text::Style {
                color: Some(style::dim(t)),
            }));
        }
        let mut col = column![bar].spacing(2);
        if let Some(e) = &self.error {
            // The input's text starts after its 8 px padding: a caret line
            // in the same mono font points at the column.
            let caret = format!("{}^", " ".repeat(e.column.saturating_sub(1)));
            col = col.push(
                column![
                    text(caret).font(MONO).size(14).style(error_ink),
                    text(e.to_string()).size(12).style(error_ink),
                ]
                .padding(iced::Padding {
                    left: 9.0,
                    ..iced::Padding::ZERO
                }),
            );
        }
        let completions = self.completions();
        if !completions.is_empty() {
            let chips = completions.into_iter().map(|name| {
                button(text(name).size(12).font(MONO))
                    .on_press(Message::Completed(name))
                    .padding([1, 6])
                    .style(button::secondary)
                    .into()
            });
            col = col.push(row(chips).spacing(4));
        }
        container(col).padding([4, 12]).width(Fill).into()
    }
}

fn error_ink(t: &Theme) -> text::Style {
    text::Style {
        color: Some(style::error(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> FilterBar {
        let mut b = FilterBar::default();
        assert_eq!(b.update(Message::Edited(s.into())), Action::None);
        b
    }

    #[test]
    fn errors_show_while_typing_and_block_submit() {
        let mut b = typed("proc.nme=nginx");
        let e = b.error().expect("unknown field");
        assert_eq!(e.column, 1);
        assert!(e.to_string().contains("proc.name"), "{e}");
        assert_eq!(b.update(Message::Submitted), Action::None);
        assert!(b.applied().is_none());
        b.update(Message::Edited("proc.name=nginx and (evt.type=read".into()));
        assert!(b.error().is_some(), "unbalanced parenthesis");
        b.update(Message::Edited("proc.name=nginx".into()));
        assert!(b.error().is_none());
        match b.update(Message::Submitted) {
            Action::Apply(Some(f)) => assert_eq!(f.to_string(), "proc.name=nginx"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn completion_replaces_the_word_being_typed() {
        let mut b = typed("evt.type=open and proc.na");
        let c = b.completions();
        assert!(c.contains(&"proc.name"), "{c:?}");
        assert!(c.iter().all(|n| n.starts_with("proc.na")));
        b.update(Message::Completed("proc.name"));
        assert_eq!(b.text(), "evt.type=open and proc.name ");
        assert!(typed("evt.type=open").completions().is_empty());
    }

    #[test]
    fn clicks_append_clauses_structurally() {
        let mut b = FilterBar::default();
        let a = b.append_clause("proc.name = nginx");
        assert!(matches!(a, Action::Apply(Some(_))));
        let a = b.append_clause("evt.type = read or evt.type = write");
        let Action::Apply(Some(f)) = a else { panic!() };
        // The `or` clause stays bracketed under the `and`.
        assert_eq!(
            f.to_string(),
            "proc.name=nginx and (evt.type=read or evt.type=write)"
        );
        assert_eq!(b.text(), f.to_string());
        assert_eq!(b.update(Message::Cleared), Action::Apply(None));
        assert!(b.applied().is_none() && b.text().is_empty());
    }
}
