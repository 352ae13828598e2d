//! Ingestion: the only library layer that opens files or the network.
//!
//! Readers turn files into the typed tables of `cd-domain`, with a `ReadReport` for every read: rows
//! read, loaded and rejected, each rejection naming file, row and field. Readers never classify and never
//! analyse; they normalise vocabularies only where the domain type defines the mapping.

pub mod compute;
pub mod datasets;
pub mod epoch;
pub mod locate;
pub mod papers;
pub mod pull;
pub mod registry;

/// Read all of `reader`, or `None` when it holds more than `limit` bytes (the limit of a reader that
/// decompresses: a small file must not expand into memory without bound).
pub(crate) fn read_at_most(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut buf = Vec::new();
    reader.take(limit + 1).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}
