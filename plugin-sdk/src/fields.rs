//! Building a message's field tree.

use crate::Field;

/// Builds the pre-order field list of a message: [`Fields::add`] adds a
/// field at the current depth, [`Fields::open`] adds one and makes the
/// following fields its children until [`Fields::close`].
#[derive(Debug, Clone, Default)]
pub struct Fields {
    list: Vec<Field>,
    depth: u8,
}

impl Fields {
    /// An empty tree.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Adds a leaf at the current depth: `len` bytes from stream position
    /// `offset`.
    pub fn add(&mut self, name: &str, value: impl Into<String>, offset: u64, len: usize) {
        self.list.push(Field {
            name: name.to_string(),
            value: value.into(),
            depth: self.depth,
            offset,
            len: u32::try_from(len).unwrap_or(u32::MAX),
        });
    }

    /// Adds a field whose children follow, up to the matching
    /// [`Fields::close`].
    pub fn open(&mut self, name: &str, value: impl Into<String>, offset: u64, len: usize) {
        self.add(name, value, offset, len);
        self.depth = self.depth.saturating_add(1);
    }

    /// Ends the children of the last [`Fields::open`].
    pub fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Sets the byte length of field `index` (for groups whose size is
    /// known after their children).
    pub fn set_len(&mut self, index: usize, len: usize) {
        if let Some(f) = self.list.get_mut(index) {
            f.len = u32::try_from(len).unwrap_or(u32::MAX);
        }
    }

    /// Sets the value of field `index` (for groups summarised after their
    /// children).
    pub fn set_value(&mut self, index: usize, value: impl Into<String>) {
        if let Some(f) = self.list.get_mut(index) {
            f.value = value.into();
        }
    }

    /// Number of fields so far (the index the next one gets).
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether no field was added.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The fields, in pre-order.
    pub fn into_vec(self) -> Vec<Field> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths_follow_open_and_close() {
        let mut f = Fields::new();
        f.open("headers", "", 10, 20);
        f.add("host", "a", 10, 7);
        f.open("cookie", "", 17, 13);
        f.add("k", "v", 25, 3);
        f.close();
        f.close();
        f.add("body", "", 30, 0);
        f.set_len(0, 21);
        let v = f.into_vec();
        let d: Vec<u8> = v.iter().map(|x| x.depth).collect();
        assert_eq!(d, [0, 1, 1, 2, 0]);
        assert_eq!(v[0].len, 21);
    }
}
