//! Transparent gzip: opens a file or wraps a stream so that gzip input
//! (several members too, as in per-record gzip WARC) reads as plain bytes,
//! and a cut or corrupt gzip stream surfaces as one clear I/O error.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

const BUF: usize = 64 * 1024;

/// A file's bytes, gunzipped when it starts with the gzip magic
/// (multi-member aware, for per-record gzip WARC).
pub fn open_decompressed(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    let f = File::open(path)?;
    maybe_gunzip(Box::new(BufReader::with_capacity(BUF, f)))
}

/// `r` itself, or its gunzipped bytes when it starts with the gzip magic.
pub(crate) fn maybe_gunzip(mut r: Box<dyn BufRead + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let head = r.fill_buf()?;
    if head.len() >= 2 && head[0] == 0x1f && head[1] == 0x8b {
        let guard = GzGuard {
            inner: MultiGzDecoder::new(r),
            out: 0,
        };
        Ok(Box::new(BufReader::with_capacity(BUF, guard)))
    } else {
        Ok(r)
    }
}

/// Renames decoder errors so a user sees "truncated gzip stream" rather
/// than "unexpected end of file", with how far decompression got.
struct GzGuard<R: BufRead> {
    inner: MultiGzDecoder<R>,
    out: u64,
}

impl<R: BufRead> Read for GzGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.out += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "truncated gzip stream (input ends after {} decompressed bytes)",
                    self.out
                ),
            )),
            Err(e) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "corrupt gzip stream after {} decompressed bytes: {e}",
                    self.out
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn plain_passes_through_and_members_concatenate() {
        let mut r = maybe_gunzip(Box::new(io::Cursor::new(b"plain".to_vec()))).unwrap();
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, "plain");

        let mut both = gz(b"first ");
        both.extend(gz(b"second"));
        let mut r = maybe_gunzip(Box::new(io::Cursor::new(both))).unwrap();
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, "first second");
    }

    #[test]
    fn truncation_is_named() {
        let data: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("line {i} about Bolivia\n").into_bytes())
            .collect();
        let z = gz(&data);
        let cut = z[..z.len() / 2].to_vec();
        let mut r = maybe_gunzip(Box::new(io::Cursor::new(cut))).unwrap();
        let mut out = Vec::new();
        let e = r.read_to_end(&mut out).unwrap_err();
        assert!(e.to_string().starts_with("truncated gzip stream"), "{e}");
    }
}
