//! Finds where a field path (`dates.job_end`, `family[1].birth_date`) stands
//! in JSON text, so that errors found after parsing can still name a line and
//! column. A small scanner: it walks the text once and never fails loudly —
//! text it cannot follow simply yields no position.

/// 1-based line and column of the key (or array element) named by `path`.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let segments = parse_path(path)?;
    let bytes = text.as_bytes();
    let mut s = Scanner { b: bytes, i: 0 };
    let pos = s.find(&segments)?;
    Some(line_col(text, pos))
}

enum Seg {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key.to_owned()));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Seg::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        }
    }
    Some(out)
}

fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
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

    /// Position of the element named by `segs`, starting at a value.
    fn find(&mut self, segs: &[Seg]) -> Option<usize> {
        self.ws();
        let Some((first, rest)) = segs.split_first() else {
            return Some(self.i);
        };
        match (first, self.b.get(self.i)?) {
            (Seg::Key(k), b'{') => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.b.get(self.i)? == &b'}' {
                        return None;
                    }
                    let key_pos = self.i;
                    let key = self.string()?;
                    self.ws();
                    if self.b.get(self.i)? != &b':' {
                        return None;
                    }
                    self.i += 1;
                    if &key == k {
                        return if rest.is_empty() {
                            Some(key_pos)
                        } else {
                            self.find(rest)
                        };
                    }
                    self.skip_value()?;
                    self.ws();
                    if self.b.get(self.i)? == &b',' {
                        self.i += 1;
                    }
                }
            }
            (Seg::Index(n), b'[') => {
                self.i += 1;
                let mut idx = 0;
                loop {
                    self.ws();
                    if self.b.get(self.i)? == &b']' {
                        return None;
                    }
                    if idx == *n {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.ws();
                    if self.b.get(self.i)? == &b',' {
                        self.i += 1;
                    }
                    idx += 1;
                }
            }
            _ => None,
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
    use super::locate;

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
    }
}
