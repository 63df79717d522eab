//! Where the user has been: screen plus filter and time range per step, for
//! Back/Forward (Alt+←/→, the mouse's side buttons) and the breadcrumbs.
//!
//! Like a browser: visiting a new place pushes the current one on the back
//! stack and forgets the forward stack; going back moves the current place
//! to the forward stack.

use super::query::Query;
use super::screen::Screen;

/// One step of the path.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The screen.
    pub screen: Screen,
    /// The view shown, on the views screen.
    pub view: Option<&'static str>,
    /// The filter and time range.
    pub query: Query,
}

/// Steps kept behind the current place.
const MAX_BACK: usize = 100;

/// The back and forward stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl History {
    /// The user went from `from` somewhere new.
    pub fn visit(&mut self, from: Place) {
        if self.back.last() == Some(&from) {
            return;
        }
        self.back.push(from);
        if self.back.len() > MAX_BACK {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Steps back from `current`; the place to restore.
    pub fn back(&mut self, current: Place) -> Option<Place> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    /// Steps forward from `current`; the place to restore.
    pub fn forward(&mut self, current: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }

    /// Goes back `steps` at once (a click on a breadcrumb).
    pub fn back_by(&mut self, current: Place, steps: usize) -> Option<Place> {
        if steps == 0 || steps > self.back.len() {
            return None;
        }
        let mut at = current;
        for _ in 0..steps {
            at = self.back(at)?;
        }
        Some(at)
    }

    /// The places behind the current one, oldest first.
    pub fn trail(&self) -> &[Place] {
        &self.back
    }

    /// Whether Back / Forward can go anywhere.
    pub fn can(&self) -> (bool, bool) {
        (!self.back.is_empty(), !self.forward.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scapscope_core::filter::Filter;

    fn place(screen: Screen, filter: Option<&str>) -> Place {
        Place {
            screen,
            view: None,
            query: Query {
                filter: filter.map(|f| Filter::parse(f).unwrap()),
                range: None,
            },
        }
    }

    #[test]
    fn back_and_forward_like_a_browser() {
        let mut h = History::default();
        let a = place(Screen::Overview, None);
        let b = place(Screen::List, None);
        let c = place(Screen::List, Some("proc.name=nginx"));
        h.visit(a.clone());
        h.visit(b.clone());
        assert_eq!(h.trail(), [a.clone(), b.clone()]);
        assert_eq!(h.back(c.clone()), Some(b.clone()));
        assert_eq!(h.can(), (true, true));
        assert_eq!(h.forward(b.clone()), Some(c.clone()));
        assert_eq!(h.back_by(c.clone(), 2), Some(a.clone()));
        assert_eq!(h.can(), (false, true));
        // A new visit forgets the forward stack.
        h.visit(a.clone());
        assert_eq!(h.can(), (true, false));
        assert_eq!(h.back_by(c, 5), None);
        assert_eq!(h.can(), (true, false), "a failed jump changes nothing");
    }
}
