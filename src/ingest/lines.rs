//! Reading one line of a JSON Lines file without holding more than a cap in memory.

use std::io::BufRead;

/// What [`read_line`] did.
pub struct LineRead {
    /// Bytes consumed from the reader, newline included (0 at the end of input).
    pub consumed: usize,
    /// True when the line (without its newline) was longer than the cap: `buf` was
    /// emptied and the rest of the line passed over.
    pub too_long: bool,
}

/// Read up to and including the next `\n` into `buf`; past `max` bytes, stop keeping
/// them (a 100 MB line costs no memory) but read on to the end of the line.
pub fn read_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: Option<u64>,
) -> std::io::Result<LineRead> {
    let max = max.map_or(usize::MAX, |m| usize::try_from(m).unwrap_or(usize::MAX));
    let mut done = LineRead {
        consumed: 0,
        too_long: false,
    };
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(done);
        }
        let (take, end) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !done.too_long {
            let body = if end { take - 1 } else { take };
            if buf.len().saturating_add(body) > max {
                done.too_long = true;
                *buf = Vec::new();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        reader.consume(take);
        done.consumed += take;
        if end {
            return Ok(done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_past_the_cap_is_passed_over_and_the_next_one_read() {
        let input = format!("{}\nsmall\n", "x".repeat(100));
        let mut reader = std::io::BufReader::with_capacity(8, input.as_bytes());
        let mut buf = Vec::new();
        let first = read_line(&mut reader, &mut buf, Some(10)).unwrap();
        assert!(first.too_long && buf.is_empty() && first.consumed == 101);
        let second = read_line(&mut reader, &mut buf, Some(10)).unwrap();
        assert!(!second.too_long);
        assert_eq!(buf, b"small\n");
        assert_eq!(
            read_line(&mut reader, &mut buf, Some(10)).unwrap().consumed,
            0
        );
    }

    #[test]
    fn a_line_of_exactly_the_cap_is_kept() {
        let mut reader = "abcde\n".as_bytes();
        let mut buf = Vec::new();
        let read = read_line(&mut reader, &mut buf, Some(5)).unwrap();
        assert!(!read.too_long);
        assert_eq!(buf, b"abcde\n");
    }
}
