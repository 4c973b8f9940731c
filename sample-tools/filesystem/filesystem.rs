//! The filesystem sample tool: read-only list, read, search and stat over the directories the
//! policy grants. Exports corral:filesystem/fs@0.1.0 with the canonical ABI written by hand (no
//! crates; see ../README.md). File access goes through Rust's std, which uses WASI preview 1;
//! `jco new --wasi-reactor` adapts that to WASI 0.2.
use std::alloc::{self, Layout};
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
const MAX_MATCHES: usize = 1000;
const DENIED: &str = "access denied: the path is outside the directories the tool's policy grants \
     (permissions.storage.allow), or the policy does not grant this access";

// ---- the operations -------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum EntryKind {
    File = 0,
    Directory = 1,
    Symlink = 2,
    Other = 3,
}

struct DirEntry {
    name: String,
    kind: EntryKind,
    size: u64,
}

struct FileInfo {
    kind: EntryKind,
    size: u64,
    modified_seconds: Option<u64>,
}

struct SearchMatch {
    path: String,
    line: u32,
    text: String,
}

struct SearchResult {
    matches: Vec<SearchMatch>,
    /// Whether a match beyond MAX_MATCHES was found (and left out).
    truncated: bool,
}

fn kind_of(metadata: &Metadata) -> EntryKind {
    let file_type = metadata.file_type();
    if file_type.is_symlink() {
        EntryKind::Symlink
    } else if file_type.is_dir() {
        EntryKind::Directory
    } else if file_type.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    }
}

/// Describes an I/O failure as "<what> <path>: <reason>", naming the policy when access is denied.
fn describe(what: &str, path: &Path, error: io::Error) -> String {
    // wasi-libc errno values: EACCES 2, EPERM 63, ENOTCAPABLE 76. A path under no preopened
    // directory fails inside std before reaching WASI, with its own message.
    let outside = error.to_string().starts_with("failed to find a pre-opened file descriptor");
    let reason = match (error.kind(), error.raw_os_error()) {
        _ if outside => DENIED.to_string(),
        (_, Some(2)) | (_, Some(63)) | (_, Some(76)) | (io::ErrorKind::PermissionDenied, _) => {
            DENIED.to_string()
        }
        (io::ErrorKind::NotFound, _) => "no such file or directory".to_string(),
        (_, Some(54)) => "not a directory".to_string(),
        (_, Some(31)) => "is a directory".to_string(),
        _ => error.to_string(),
    };
    format!("{} {}: {}", what, path.display(), reason)
}

fn list_directory(path: &str) -> Result<Vec<DirEntry>, String> {
    let dir = Path::new(path);
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| describe("cannot list", dir, e))? {
        let entry = entry.map_err(|e| describe("cannot list", dir, e))?;
        let metadata = entry
            .metadata()
            .map_err(|e| describe("cannot stat", &entry.path(), e))?;
        let kind = kind_of(&metadata);
        entries.push(DirEntry {
            name: entry.file_name().to_string_lossy().into_owned(),
            kind,
            size: if matches!(kind, EntryKind::Directory) { 0 } else { metadata.len() },
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Reads a whole text file; None if it is not UTF-8.
fn read_text(path: &Path) -> Result<Option<String>, String> {
    let file = File::open(path).map_err(|e| describe("cannot read", path, e))?;
    let size = file.metadata().map_err(|e| describe("cannot read", path, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "cannot read {}: it has {} bytes, more than the {} this tool returns",
            path.display(),
            size,
            MAX_FILE_BYTES
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe("cannot read", path, e))?;
    Ok(String::from_utf8(bytes).ok())
}

fn read_file(path: &str) -> Result<String, String> {
    let file = Path::new(path);
    if fs::metadata(file).map_err(|e| describe("cannot read", file, e))?.is_dir() {
        return Err(format!("cannot read {}: it is a directory (use list-directory)", path));
    }
    read_text(file)?.ok_or_else(|| format!("cannot read {}: it is not UTF-8 text", path))
}

fn search(path: &str, pattern: &str) -> Result<SearchResult, String> {
    if pattern.is_empty() {
        return Err("cannot search: the pattern is empty".to_string());
    }
    let mut found = SearchResult { matches: Vec::new(), truncated: false };
    let root = PathBuf::from(path);
    let metadata = fs::symlink_metadata(&root).map_err(|e| describe("cannot search", &root, e))?;
    if metadata.is_dir() {
        search_directory(&root, pattern, &mut found)?;
    } else {
        search_file(&root, pattern, &mut found)?;
    }
    Ok(found)
}

fn search_directory(dir: &Path, pattern: &str, found: &mut SearchResult) -> Result<(), String> {
    let mut children = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| describe("cannot search", dir, e))? {
        let entry = entry.map_err(|e| describe("cannot search", dir, e))?;
        children.push(entry.path());
    }
    children.sort();
    for child in children {
        if found.truncated {
            break;
        }
        let metadata = fs::symlink_metadata(&child).map_err(|e| describe("cannot search", &child, e))?;
        if metadata.is_dir() {
            search_directory(&child, pattern, found)?;
        } else if metadata.is_file() && metadata.len() <= MAX_FILE_BYTES {
            search_file(&child, pattern, found)?;
        }
    }
    Ok(())
}

/// Adds the file's matching lines; on a match beyond MAX_MATCHES, marks the result truncated.
fn search_file(file: &Path, pattern: &str, found: &mut SearchResult) -> Result<(), String> {
    let text = match read_text(file)? {
        Some(text) => text,
        None => return Ok(()), // binary files have no lines to match
    };
    for (index, line) in text.lines().enumerate() {
        if line.contains(pattern) {
            if found.matches.len() == MAX_MATCHES {
                found.truncated = true;
                break;
            }
            found.matches.push(SearchMatch {
                path: file.display().to_string(),
                line: index as u32 + 1,
                text: line.to_string(),
            });
        }
    }
    Ok(())
}

fn stat(path: &str) -> Result<FileInfo, String> {
    let file = Path::new(path);
    let metadata = fs::symlink_metadata(file).map_err(|e| describe("cannot stat", file, e))?;
    Ok(FileInfo {
        kind: kind_of(&metadata),
        size: metadata.len(),
        modified_seconds: metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs()),
    })
}

// ---- canonical ABI --------------------------------------------------------------------------
//
// Arguments arrive in memory allocated through cabi_realloc and become owned Rust values.
// Results are written to RET_AREA; the lists and strings they point to live in KEPT until the
// host calls the function's cabi_post_* export, which drops them.

extern "C" {
    fn __wasm_call_ctors();
}

/// Runs static constructors once at instantiation, so exports need no per-call wrappers.
#[no_mangle]
pub extern "C" fn _initialize() {
    unsafe { __wasm_call_ctors() }
}

#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    let p = if old_size == 0 {
        alloc::alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        alloc::realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if p.is_null() {
        std::process::abort();
    }
    p
}

static mut RET_AREA: [u64; 5] = [0; 5];
static mut KEPT: Vec<Box<[u64]>> = Vec::new();

/// Takes ownership of a string argument.
unsafe fn string_arg(ptr: *mut u8, len: usize) -> String {
    if len == 0 {
        return String::new(); // nothing was allocated: ptr may be null or dangling
    }
    String::from_utf8_unchecked(Vec::from_raw_parts(ptr, len, len))
}

/// Memory that stays valid until post-return; 8-byte aligned, so it fits every element type.
unsafe fn keep(bytes: usize) -> *mut u8 {
    let mut block = vec![0u64; (bytes + 7) / 8].into_boxed_slice();
    let p = block.as_mut_ptr() as *mut u8;
    KEPT.push(block);
    p
}

unsafe fn put<T>(base: *mut u8, offset: usize, value: T) {
    (base.add(offset) as *mut T).write_unaligned(value);
}

/// Writes a string (pointer, length) at base + offset.
unsafe fn put_string(base: *mut u8, offset: usize, s: &str) {
    let p = keep(s.len());
    std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
    put(base, offset, p as u32);
    put(base, offset + 4, s.len() as u32);
}

/// Writes a list (pointer, length) at base + offset, each element written by `write`.
unsafe fn put_list<T>(base: *mut u8, offset: usize, items: &[T], size: usize, write: impl Fn(*mut u8, &T)) {
    let p = keep(items.len() * size);
    for (i, item) in items.iter().enumerate() {
        write(p.add(i * size), item);
    }
    put(base, offset, p as u32);
    put(base, offset + 4, items.len() as u32);
}

/// Writes a result whose payloads have alignment `payload_offset` (4 or 8) and returns RET_AREA.
unsafe fn ret_result<T>(result: Result<T, String>, payload_offset: usize, ok: impl Fn(*mut u8, &T)) -> *mut u8 {
    let base = RET_AREA.as_mut_ptr() as *mut u8;
    match &result {
        Ok(value) => {
            put(base, 0, 0u8);
            ok(base.add(payload_offset), value);
        }
        Err(message) => {
            put(base, 0, 1u8);
            put_string(base, payload_offset, message);
        }
    }
    base
}

unsafe fn post_return() {
    KEPT = Vec::new();
}

// record dir-entry { name: string @0, kind: u8 @8, size: u64 @16 }: size 24, align 8
unsafe fn put_dir_entry(p: *mut u8, e: &DirEntry) {
    put_string(p, 0, &e.name);
    put(p, 8, e.kind as u8);
    put(p, 16, e.size);
}

// record search-match { path: string @0, line: u32 @8, text: string @12 }: size 20, align 4
unsafe fn put_search_match(p: *mut u8, m: &SearchMatch) {
    put_string(p, 0, &m.path);
    put(p, 8, m.line);
    put_string(p, 12, &m.text);
}

// record search-result { matches: list<search-match> @0, truncated: bool @8 }: size 12, align 4
unsafe fn put_search_result(p: *mut u8, found: &SearchResult) {
    put_list(p, 0, &found.matches, 20, |m, one| put_search_match(m, one));
    put(p, 8, found.truncated as u8);
}

// record file-info { kind: u8 @0, size: u64 @8, modified-seconds: option<u64> @16 (case @16,
// value @24) }: size 32, align 8
unsafe fn put_file_info(p: *mut u8, info: &FileInfo) {
    put(p, 0, info.kind as u8);
    put(p, 8, info.size);
    match info.modified_seconds {
        Some(seconds) => {
            put(p, 16, 1u8);
            put(p, 24, seconds);
        }
        None => put(p, 16, 0u8),
    }
}

#[export_name = "corral:filesystem/fs@0.1.0#list-directory"]
pub unsafe extern "C" fn export_list_directory(path: *mut u8, path_len: usize) -> *mut u8 {
    let result = list_directory(&string_arg(path, path_len));
    ret_result(result, 4, |p, entries| put_list(p, 0, entries, 24, |e, entry| put_dir_entry(e, entry)))
}

#[export_name = "cabi_post_corral:filesystem/fs@0.1.0#list-directory"]
pub unsafe extern "C" fn post_list_directory(_: *mut u8) {
    post_return();
}

#[export_name = "corral:filesystem/fs@0.1.0#read-file"]
pub unsafe extern "C" fn export_read_file(path: *mut u8, path_len: usize) -> *mut u8 {
    let result = read_file(&string_arg(path, path_len));
    ret_result(result, 4, |p, text| put_string(p, 0, text))
}

#[export_name = "cabi_post_corral:filesystem/fs@0.1.0#read-file"]
pub unsafe extern "C" fn post_read_file(_: *mut u8) {
    post_return();
}

#[export_name = "corral:filesystem/fs@0.1.0#search"]
pub unsafe extern "C" fn export_search(path: *mut u8, path_len: usize, pattern: *mut u8, pattern_len: usize) -> *mut u8 {
    let result = search(&string_arg(path, path_len), &string_arg(pattern, pattern_len));
    ret_result(result, 4, |p, found| put_search_result(p, found))
}

#[export_name = "cabi_post_corral:filesystem/fs@0.1.0#search"]
pub unsafe extern "C" fn post_search(_: *mut u8) {
    post_return();
}

#[export_name = "corral:filesystem/fs@0.1.0#stat"]
pub unsafe extern "C" fn export_stat(path: *mut u8, path_len: usize) -> *mut u8 {
    let result = stat(&string_arg(path, path_len));
    ret_result(result, 8, |p, info| put_file_info(p, info))
}

#[export_name = "cabi_post_corral:filesystem/fs@0.1.0#stat"]
pub unsafe extern "C" fn post_stat(_: *mut u8) {
    post_return();
}
