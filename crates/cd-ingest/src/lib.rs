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

/// Why a path that exists is not read: it is not a regular file. A FIFO would block until something
/// writes to it, a device such as `/dev/zero` never ends, a socket cannot be read as a file; every reader
/// and every command refuses them with this one message (`… : not a regular file (a FIFO); compute-divide
/// reads regular files only`), before opening them. Links are followed: a link to a regular file is read.
pub fn check_regular(path: &std::path::Path) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() || meta.is_dir() {
        return Ok(());
    }
    #[cfg(unix)]
    let kind = {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            "a FIFO"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "not a file"
        }
    };
    #[cfg(not(unix))]
    let kind = "not a file";
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a regular file ({kind}); compute-divide reads regular files only"),
    ))
}

/// Open `path` for reading after [`check_regular`].
pub fn open_regular(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    check_regular(path)?;
    std::fs::File::open(path)
}

/// Read the whole of `path` after [`check_regular`].
pub fn read_regular(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    check_regular(path)?;
    std::fs::read(path)
}

/// The text of `path` after [`check_regular`]: an error names the file and, for text that is not UTF-8,
/// the byte where it stops being UTF-8.
pub fn read_text(path: &std::path::Path) -> Result<String, String> {
    let bytes = read_regular(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("{}: not UTF-8 (byte {at}); save the file as UTF-8", path.display())
    })
}

/// Read all of `reader`, or `None` when it holds more than `limit` bytes (the limit of a reader that
/// decompresses: a small file must not expand into memory without bound).
pub(crate) fn read_at_most(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut buf = Vec::new();
    reader.take(limit + 1).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}
