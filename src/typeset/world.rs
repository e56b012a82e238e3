//! The Typst `World` kompas compiles in: an in-memory main file, the data
//! model as JSON, the report templates, charts, embedded fonts and a fixed
//! date. Reads from disk are confined to the kompas folder; Typst packages
//! are refused, so a render never touches the network.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts;

/// The path of the generated main file.
pub const MAIN: &str = "/main.typ";

/// What every world of the process shares, made once: Typst's standard
/// library and the embedded fonts (a batch or a watch loop lays out many
/// reports; loading these per report would cost each one again).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'static [Font],
}

/// The embedded fonts, parsed once per process (the check of which
/// characters they cover uses them too).
pub fn embedded_fonts() -> &'static [Font] {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(fonts::embedded)
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts = embedded_fonts();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(fonts)),
            fonts,
        }
    })
}

/// One compilation's world.
pub struct KompasWorld {
    shared: &'static Shared,
    main: FileId,
    /// Files held in memory, by virtual path: main, data, templates, charts.
    memory: HashMap<FileId, Bytes>,
    /// The kompas folder, canonical; user files (a logo) are read from here.
    root: Option<PathBuf>,
    /// The in-memory files parsed as Typst sources, parsed once: Typst
    /// asks for a source at every import and again when it checks whether
    /// a layout it cached still holds.
    sources: Mutex<HashMap<FileId, Source>>,
    /// The user files read so far, by path in the folder: what a Typst
    /// project of the report must hold besides `huisstijl/`.
    read: Mutex<BTreeSet<String>>,
    today: Datetime,
}

/// A file id in the project root.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl KompasWorld {
    /// A world with `files` in memory (virtual path -> bytes), reading any
    /// other file from `root`, and `today` as the date.
    pub fn new(files: Vec<(String, Vec<u8>)>, root: Option<&Path>, today: Datetime) -> KompasWorld {
        let memory = files
            .into_iter()
            .filter_map(|(path, bytes)| Some((file_id(&path)?, Bytes::new(bytes))))
            .collect();
        KompasWorld {
            shared: shared(),
            main: file_id(MAIN).expect("the main path is valid"),
            memory,
            root: root.and_then(|r| r.canonicalize().ok()),
            sources: Mutex::new(HashMap::new()),
            read: Mutex::new(BTreeSet::new()),
            today,
        }
    }

    /// Puts `bytes` in memory at the virtual `path`, in place of what was
    /// there: the next layout reads them.
    pub fn set_file(&mut self, path: &str, bytes: Bytes) {
        if let Some(id) = file_id(path) {
            self.memory.insert(id, bytes);
            self.sources
                .get_mut()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
        }
    }

    /// A world of the same files, fonts and date, with `files` put in
    /// place (`set_file`): for a layout beside this world's.
    pub fn fork(&self, files: Vec<(&str, Bytes)>) -> KompasWorld {
        let mut world = KompasWorld {
            shared: self.shared,
            main: self.main,
            memory: self.memory.clone(),
            root: self.root.clone(),
            sources: Mutex::new(HashMap::new()),
            read: Mutex::new(BTreeSet::new()),
            today: self.today,
        };
        for (path, bytes) in files {
            world.set_file(path, bytes);
        }
        world
    }

    /// The user files the layout read, by path in the kompas folder.
    pub fn files_read(&self) -> Vec<String> {
        let read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        read.iter().cloned().collect()
    }

    /// Reads a file of the user's kompas folder, never outside it.
    fn read_user_file(&self, id: FileId) -> FileResult<Bytes> {
        let shown = PathBuf::from(id.vpath().get_without_slash());
        let Some(root) = &self.root else {
            return Err(FileError::NotFound(shown));
        };
        let path = id
            .vpath()
            .realize(root)
            .map_err(|_| FileError::AccessDenied)?;
        let real = path
            .canonicalize()
            .map_err(|_| FileError::NotFound(shown.clone()))?;
        if !real.starts_with(root) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        let bytes = std::fs::read(&real).map_err(|_| FileError::NotFound(shown.clone()))?;
        let mut read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        read.insert(shown.to_string_lossy().replace('\\', "/"));
        Ok(Bytes::new(bytes))
    }
}

impl World for KompasWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let parse = |bytes: &Bytes| {
            let text = std::str::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_owned()))
        };
        let Some(bytes) = self.memory.get(&id) else {
            return parse(&self.file(id)?);
        };
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(source) = sources.get(&id) {
            return Ok(source.clone());
        }
        let source = parse(bytes)?;
        sources.insert(id, source.clone());
        Ok(source)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(_) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                "kompas does not load Typst packages".into(),
            ))));
        }
        match self.memory.get(&id) {
            Some(bytes) => Ok(bytes.clone()),
            None => self.read_user_file(id),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_put_in_place_of_another_is_parsed_anew() {
        let today = Datetime::from_ymd(2018, 1, 1).unwrap();
        let mut world = KompasWorld::new(vec![(MAIN.into(), b"= Eerst".to_vec())], None, today);
        let main = world.main();
        assert_eq!(world.source(main).unwrap().text(), "= Eerst");
        // Asked again, the source parsed before.
        assert_eq!(world.source(main).unwrap().text(), "= Eerst");
        world.set_file(MAIN, Bytes::new(b"= Daarna".to_vec()));
        assert_eq!(world.source(main).unwrap().text(), "= Daarna");
        // A file that is not UTF-8 is an error each time it is asked for.
        world.set_file(MAIN, Bytes::new(vec![0xff]));
        assert!(matches!(world.source(main), Err(FileError::InvalidUtf8)));
        assert!(matches!(world.source(main), Err(FileError::InvalidUtf8)));
    }
}
