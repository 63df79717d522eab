//! The filter parser: a recursive descent over characters.
//!
//! Grammar (precedence: `not` binds tightest, then `and`, then `or`):
//!
//! ```text
//! or      := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | "(" or ")" | check
//! check   := FIELD OP VALUE | FIELD LISTOP "(" VALUE ("," VALUE)* ")" | FIELD "exists"
//! ```
//!
//! A field name ends at a blank or one of `( ) ! = < >`, as in libsinsp. A
//! bare value ends at a blank or a parenthesis (and a comma inside lists);
//! a quoted value (`"…"` or `'…'`) ends at its closing quote. In values,
//! `\\` is a backslash, `\"` and `\'` a quote, `\xHH` a byte; any other
//! backslash is kept.

use super::types::{self, FILTER_ONLY_NAMES, ValueType};
use super::{Comparison, Expr, FilterError, FilterErrorKind, Op, Target};
use crate::fields::{Field, FieldArg, FieldError, field_list};

pub(super) fn parse(text: &str) -> Result<Expr, FilterError> {
    let mut p = Parser {
        s: text.chars().collect(),
        pos: 0,
    };
    p.skip_blanks();
    if p.at_end() {
        return Err(p.err_at(0, FilterErrorKind::Empty));
    }
    let e = p.parse_or(0)?;
    p.skip_blanks();
    if !p.at_end() {
        if p.peek() == Some(')') {
            return Err(p.err(FilterErrorKind::UnmatchedParen));
        }
        let found = p.word_here();
        return Err(p.err(FilterErrorKind::ExpectedBoolOp { found }));
    }
    Ok(e)
}

struct Parser {
    s: Vec<char>,
    pos: usize,
}

fn is_blank(c: char) -> bool {
    c.is_whitespace()
}

/// Characters that end a field name (libsinsp's `is_special_char`).
fn ends_field(c: char) -> bool {
    is_blank(c) || matches!(c, '(' | ')' | '!' | '=' | '<' | '>')
}

impl Parser {
    fn err(&self, kind: FilterErrorKind) -> FilterError {
        self.err_at(self.pos, kind)
    }

    fn err_at(&self, pos: usize, kind: FilterErrorKind) -> FilterError {
        FilterError {
            column: pos + 1,
            kind,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.pos += 1;
        }
    }

    /// The run of non-blank characters here (for messages).
    fn word_here(&self) -> String {
        self.s[self.pos..]
            .iter()
            .take_while(|c| !is_blank(**c))
            .take(40)
            .collect()
    }

    /// Whether the keyword `kw` is here, as a whole word (followed by a
    /// blank, a parenthesis, a quote or the end).
    fn at_keyword(&self, kw: &str) -> bool {
        let n = kw.chars().count();
        if self.pos + n > self.s.len() {
            return false;
        }
        if !self.s[self.pos..self.pos + n]
            .iter()
            .copied()
            .eq(kw.chars())
        {
            return false;
        }
        match self.s.get(self.pos + n) {
            None => true,
            Some(&c) => is_blank(c) || matches!(c, '(' | ')' | '"' | '\''),
        }
    }

    fn parse_or(&mut self, depth: usize) -> Result<Expr, FilterError> {
        let mut parts = vec![self.parse_and(depth)?];
        loop {
            self.skip_blanks();
            if self.at_keyword("or") {
                self.pos += 2;
                parts.push(self.parse_and(depth)?);
            } else {
                break;
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Expr::Or(parts)
        })
    }

    fn parse_and(&mut self, depth: usize) -> Result<Expr, FilterError> {
        let mut parts = vec![self.parse_unary(depth)?];
        loop {
            self.skip_blanks();
            if self.at_keyword("and") {
                self.pos += 3;
                parts.push(self.parse_unary(depth)?);
            } else {
                break;
            }
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Expr::And(parts)
        })
    }

    fn parse_unary(&mut self, depth: usize) -> Result<Expr, FilterError> {
        self.skip_blanks();
        let Some(c) = self.peek() else {
            return Err(self.err(FilterErrorKind::UnexpectedEnd));
        };
        if self.at_keyword("not") {
            self.pos += 3;
            let e = self.parse_unary(depth)?;
            return Ok(Expr::Not(Box::new(e)));
        }
        if c == '(' {
            let open = self.pos;
            self.pos += 1;
            self.skip_blanks();
            if self.at_end() {
                return Err(self.err_at(open, FilterErrorKind::UnclosedParen));
            }
            let e = self.parse_or(depth + 1)?;
            self.skip_blanks();
            match self.peek() {
                Some(')') => {
                    self.pos += 1;
                    Ok(e)
                }
                None => Err(self.err_at(open, FilterErrorKind::UnclosedParen)),
                Some(_) => {
                    let found = self.word_here();
                    Err(self.err(FilterErrorKind::ExpectedBoolOp { found }))
                }
            }
        } else if c == ')' {
            if depth == 0 {
                Err(self.err(FilterErrorKind::UnmatchedParen))
            } else {
                Err(self.err(FilterErrorKind::ExpectedExpression { found: ")".into() }))
            }
        } else if self.at_keyword("and") || self.at_keyword("or") {
            let found = self.word_here();
            Err(self.err(FilterErrorKind::ExpectedExpression { found }))
        } else {
            self.parse_check().map(Expr::Cmp)
        }
    }

    fn parse_check(&mut self) -> Result<Comparison, FilterError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| !ends_field(c)) {
            self.pos += 1;
        }
        let name: String = self.s[start..self.pos].iter().collect();
        if name.is_empty() {
            let found = self.word_here();
            return Err(self.err(FilterErrorKind::ExpectedExpression { found }));
        }
        let target = resolve_field(&name).map_err(|k| self.err_at(start, k))?;
        let ty = types::target_type(&target);
        self.skip_blanks();
        let op_pos = self.pos;
        let op = self.parse_op(&name)?;
        if !ty.allows(op) {
            return Err(self.err_at(
                op_pos,
                FilterErrorKind::BadOperator {
                    op,
                    field: name,
                    ty,
                },
            ));
        }
        if let Target::Field(f) = &target
            && f.name == "evt.rawarg"
            && !matches!(f.arg, FieldArg::Name(_))
        {
            return Err(self.err_at(
                start,
                FilterErrorKind::BadFieldArg {
                    name,
                    reason: "evt.rawarg needs a parameter name, e.g. evt.rawarg.res".into(),
                },
            ));
        }
        let mut texts = Vec::new();
        let mut values = Vec::new();
        let mut push = |p: &Parser, at: usize, text: String| -> Result<(), FilterError> {
            let v = types::typed_value(&target, ty, op, &text).map_err(|k| p.err_at(at, k))?;
            texts.push(text);
            values.push(v);
            Ok(())
        };
        if op == Op::Exists {
            // Nothing follows.
        } else if op.takes_list() {
            self.skip_blanks();
            if self.peek() != Some('(') {
                return Err(self.err(FilterErrorKind::ExpectedList { op }));
            }
            let open = self.pos;
            self.pos += 1;
            self.skip_blanks();
            if self.peek() == Some(')') {
                self.pos += 1;
            } else {
                loop {
                    self.skip_blanks();
                    let at = self.pos;
                    let Some(v) = self.parse_value(true, open)? else {
                        return Err(self.err(FilterErrorKind::ExpectedValue { op }));
                    };
                    push(self, at, v)?;
                    self.skip_blanks();
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some(')') => {
                            self.pos += 1;
                            break;
                        }
                        None => return Err(self.err_at(open, FilterErrorKind::UnclosedParen)),
                        Some(_) => return Err(self.err(FilterErrorKind::ExpectedListSeparator)),
                    }
                }
            }
        } else {
            self.skip_blanks();
            let at = self.pos;
            let Some(v) = self.parse_value(false, 0)? else {
                return Err(self.err(FilterErrorKind::ExpectedValue { op }));
            };
            push(self, at, v)?;
        }
        if op == Op::PMatch && ty != ValueType::Str {
            return Err(self.err_at(
                op_pos,
                FilterErrorKind::BadOperator {
                    op,
                    field: target.name(),
                    ty,
                },
            ));
        }
        Ok(Comparison {
            target,
            op,
            texts,
            values,
            ty,
        })
    }

    fn parse_op(&mut self, field: &str) -> Result<Op, FilterError> {
        let expected = |p: &Parser| {
            let found = p.word_here();
            p.err(FilterErrorKind::ExpectedOperator {
                field: field.to_string(),
                found: (!found.is_empty()).then_some(found),
            })
        };
        let Some(c) = self.peek() else {
            return Err(expected(self));
        };
        if c.is_ascii_alphabetic() {
            let start = self.pos;
            let mut end = start;
            while self.s.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
                end += 1;
            }
            let word: String = self.s[start..end].iter().collect();
            for &(op, text) in Op::ALL {
                if text == word && op.is_word() {
                    self.pos = end;
                    return Ok(op);
                }
            }
            return Err(expected(self));
        }
        for &(op, text) in Op::ALL {
            let n = text.len();
            if !op.is_word()
                && self.pos + n <= self.s.len()
                && self.s[self.pos..self.pos + n]
                    .iter()
                    .copied()
                    .eq(text.chars())
            {
                self.pos += n;
                return Ok(op);
            }
        }
        Err(expected(self))
    }

    /// A value, or `None` when none is here. `list_open` is the position of
    /// the list's `(` (for an unclosed-list error).
    fn parse_value(
        &mut self,
        in_list: bool,
        list_open: usize,
    ) -> Result<Option<String>, FilterError> {
        let Some(c) = self.peek() else {
            if in_list {
                return Err(self.err_at(list_open, FilterErrorKind::UnclosedParen));
            }
            return Ok(None);
        };
        let mut out: Vec<u8> = Vec::new();
        if c == '"' || c == '\'' {
            let open = self.pos;
            self.pos += 1;
            loop {
                let Some(ch) = self.peek() else {
                    return Err(self.err_at(open, FilterErrorKind::UnclosedQuote));
                };
                if ch == c {
                    self.pos += 1;
                    break;
                }
                if ch == '\\' {
                    self.escape(&mut out)?;
                } else {
                    push_char(&mut out, ch);
                    self.pos += 1;
                }
            }
            return Ok(Some(String::from_utf8_lossy(&out).into_owned()));
        }
        let start = self.pos;
        while let Some(ch) = self.peek() {
            if is_blank(ch) || ch == '(' || ch == ')' || (in_list && ch == ',') {
                break;
            }
            if ch == '\\' {
                self.escape(&mut out)?;
            } else {
                push_char(&mut out, ch);
                self.pos += 1;
            }
        }
        if self.pos == start {
            return Ok(None);
        }
        Ok(Some(String::from_utf8_lossy(&out).into_owned()))
    }

    /// Reads the escape sequence at a backslash.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), FilterError> {
        let at = self.pos;
        self.pos += 1;
        match self.peek() {
            Some(c @ ('\\' | '"' | '\'')) => {
                push_char(out, c);
                self.pos += 1;
            }
            Some('x') => {
                let hex: String = self
                    .s
                    .get(self.pos + 1..self.pos + 3)
                    .map_or_else(String::new, |h| h.iter().collect());
                match u8::from_str_radix(&hex, 16) {
                    Ok(b) if hex.len() == 2 => {
                        out.push(b);
                        self.pos += 3;
                    }
                    _ => return Err(self.err_at(at, FilterErrorKind::BadEscape)),
                }
            }
            _ => out.push(b'\\'),
        }
        Ok(())
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut b = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
}

/// Resolves a field name (with its argument) to a target.
fn resolve_field(name: &str) -> Result<Target, FilterErrorKind> {
    if let Some(t) = types::filter_only(name) {
        return Ok(t);
    }
    match Field::parse(name) {
        Ok(f) => {
            if matches!(f.name, "evt.arg" | "evt.rawarg") && f.arg == FieldArg::None {
                return Err(FilterErrorKind::BadFieldArg {
                    name: name.to_string(),
                    reason: format!(
                        "{} needs a parameter, e.g. {}.fd or {}[0]",
                        f.name, f.name, f.name
                    ),
                });
            }
            Ok(Target::Field(f))
        }
        Err(FieldError::BadIndex(i)) => Err(FilterErrorKind::BadFieldArg {
            name: name.to_string(),
            reason: format!("'{i}' is not a valid index"),
        }),
        Err(FieldError::Unknown(_)) if matches!(name, "evt.arg" | "evt.rawarg") => {
            Err(FilterErrorKind::BadFieldArg {
                name: name.to_string(),
                reason: format!("{name} needs a parameter, e.g. {name}.fd or {name}[0]"),
            })
        }
        Err(FieldError::Unknown(_)) => {
            // A known field with an unknown argument says so.
            if let Some(base) = ["evt.arg.", "evt.rawarg."]
                .iter()
                .find(|b| name.starts_with(**b))
            {
                return Err(FilterErrorKind::BadFieldArg {
                    name: name.to_string(),
                    reason: format!("no event has a parameter named '{}'", &name[base.len()..]),
                });
            }
            Err(FilterErrorKind::UnknownField {
                name: name.to_string(),
                hint: closest_field(name),
            })
        }
    }
}

/// The known field closest to `name` (edit distance), if close enough.
fn closest_field(name: &str) -> Option<&'static str> {
    closest(
        name,
        field_list()
            .map(|(n, _)| n)
            .chain(FILTER_ONLY_NAMES.iter().copied()),
    )
}

/// The candidate closest to `name` (edit distance), if close enough.
pub(super) fn closest(
    name: &str,
    candidates: impl Iterator<Item = &'static str>,
) -> Option<&'static str> {
    let mut best: Option<(&'static str, usize)> = None;
    for c in candidates {
        let d = edit_distance(name, c);
        if best.is_none_or(|(_, b)| d < b) {
            best = Some((c, d));
        }
    }
    let (c, d) = best?;
    // Allow about a third of the name to differ.
    (d <= (name.chars().count() / 3).max(2)).then_some(c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("proc.nme", "proc.name"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
