//! Finds where a field path (`dates.job_end`, `family[1].birth_date`) stands
//! in JSON text, so that errors found after parsing can still name a line and
//! column. A small scanner: it walks the text once and never fails loudly —
//! text it cannot follow simply yields no position.

/// 1-based line and column of the key (or array element) named by each
/// path of `paths` (`None` where there is none), in one walk over the text
/// (and one more to count lines), however many paths there are: a file
/// with many problems is located in linear time.
pub fn locate_all(text: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    use std::collections::{HashMap, HashSet};
    let mut wanted: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut prefixes: HashSet<String> = HashSet::from([String::new()]);
    for (i, p) in paths.iter().enumerate() {
        wanted.entry(p).or_default().push(i);
        for (j, c) in p.char_indices() {
            if c == '.' || c == '[' {
                prefixes.insert(p[..j].to_owned());
            }
        }
    }
    let mut found: Vec<(usize, usize)> = Vec::new(); // (byte position, path index)
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    let mut path = String::new();
    s.walk(&mut path, &wanted, &prefixes, &mut found, 0);
    found.sort_unstable();
    let mut out = vec![None; paths.len()];
    let (mut line, mut col, mut at) = (1, 1, 0);
    for (pos, idx) in found {
        let pos = pos.min(text.len());
        for c in text[at..pos].chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        at = pos;
        out[idx] = Some((line, col));
    }
    out
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    /// Walks the value at the cursor; records the position of every key
    /// or element whose path is wanted; descends only where a wanted path
    /// continues (`prefixes`).
    fn walk(
        &mut self,
        path: &mut String,
        wanted: &std::collections::HashMap<&str, Vec<usize>>,
        prefixes: &std::collections::HashSet<String>,
        found: &mut Vec<(usize, usize)>,
        depth: usize,
    ) -> Option<()> {
        self.ws();
        if depth > 256 || !prefixes.contains(path.as_str()) {
            return self.skip_value();
        }
        let len = path.len();
        match self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.b.get(self.i)? == &b'}' {
                        self.i += 1;
                        return Some(());
                    }
                    let key_pos = self.i;
                    let key = self.string()?;
                    self.ws();
                    if self.b.get(self.i)? != &b':' {
                        return None;
                    }
                    self.i += 1;
                    if len > 0 {
                        path.push('.');
                    }
                    path.push_str(&key);
                    if let Some(ids) = wanted.get(path.as_str()) {
                        found.extend(ids.iter().map(|&i| (key_pos, i)));
                    }
                    let r = self.walk(path, wanted, prefixes, found, depth + 1);
                    path.truncate(len);
                    r?;
                    self.ws();
                    if self.b.get(self.i)? == &b',' {
                        self.i += 1;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut idx = 0usize;
                loop {
                    self.ws();
                    if self.b.get(self.i)? == &b']' {
                        self.i += 1;
                        return Some(());
                    }
                    path.push_str(&format!("[{idx}]"));
                    if let Some(ids) = wanted.get(path.as_str()) {
                        found.extend(ids.iter().map(|&i| (self.i, i)));
                    }
                    let r = self.walk(path, wanted, prefixes, found, depth + 1);
                    path.truncate(len);
                    r?;
                    self.ws();
                    if self.b.get(self.i)? == &b',' {
                        self.i += 1;
                    }
                    idx += 1;
                }
            }
            _ => self.skip_value(),
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.b.get(self.i)? != &b'"' {
            return None;
        }
        let start = self.i + 1;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    let s = std::str::from_utf8(&self.b[start..self.i]).ok()?.to_owned();
                    self.i += 1;
                    return Some(s);
                }
                _ => self.i += 1,
            }
        }
        None
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.b.get(self.i)? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                while self.i < self.b.len() {
                    match self.b[self.i] {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                None
            }
            _ => {
                while self.i < self.b.len() && !matches!(self.b[self.i], b',' | b'}' | b']') {
                    self.i += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate_all;

    fn locate(t: &str, p: &str) -> Option<(usize, usize)> {
        locate_all(t, &[p])[0]
    }

    #[test]
    fn finds_nested_keys_and_elements() {
        let t = "{\n \"a\": {\"x\": [1, {\"y\": 2}]},\n \"b\": \"s\\\"}\",\n \"c\": [ {}, {\"d\": true} ]\n}";
        assert_eq!(locate(t, "a"), Some((2, 2)));
        assert_eq!(locate(t, "a.x[1].y"), Some((2, 18)));
        assert_eq!(locate(t, "c[1].d"), Some((4, 14)));
        assert_eq!(locate(t, "c[1]"), Some((4, 13)));
        assert_eq!(locate(t, "nope"), None);
        assert_eq!(locate("{\"a\": [", "a[3]"), None);
        assert_eq!(locate("", "a"), None);
        let paths = ["c[1].d", "a", "nope", "a.x[1].y", "c[1].d"];
        assert_eq!(
            locate_all(t, &paths),
            [
                Some((4, 14)),
                Some((2, 2)),
                None,
                Some((2, 18)),
                Some((4, 14))
            ]
        );
    }
}
