//! A world that reads a Typst project from disk as the Typst CLI does
//! with `--root <folder> --font-path <folder>/fonts --ignore-system-fonts`:
//! how a test and the benchmark compile a `--format typst` bundle with
//! Typst alone. Like the CLI, it reads and parses each file once per
//! compilation (one `Project` each). (The benchmark includes this file by
//! path.)

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// A Typst project on disk.
pub struct Project {
    root: PathBuf,
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    /// A main file given as text rather than read from the folder.
    main_text: Option<String>,
    today: Datetime,
    /// The files read and the sources parsed so far.
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).unwrap()).intern()
}

impl Project {
    /// The project in the folder `root`, with `today` as the date.
    pub fn new(root: &Path, today: Datetime) -> Project {
        let mut fonts = Vec::new();
        for entry in fs::read_dir(root.join("fonts")).unwrap() {
            let bytes = fs::read(entry.unwrap().path()).unwrap();
            fonts.extend(Font::iter(Bytes::new(bytes)));
        }
        Project {
            root: root.to_path_buf(),
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: id("/main.typ"),
            main_text: None,
            today,
            files: Mutex::default(),
            sources: Mutex::default(),
        }
    }

    /// Makes `text` the project's main file (used by `examples/parts.rs`).
    #[allow(dead_code)]
    pub fn set_main(&mut self, text: String) {
        self.main_text = Some(text);
        self.sources.get_mut().unwrap().remove(&self.main);
    }
}

impl World for Project {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.lock().unwrap().get(&id) {
            return source.clone();
        }
        let source = match &self.main_text {
            Some(text) if id == self.main => Ok(Source::new(id, text.clone())),
            _ => self.file(id).and_then(|bytes| {
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text))
            }),
        };
        self.sources.lock().unwrap().insert(id, source.clone());
        source
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(file) = self.files.lock().unwrap().get(&id) {
            return file.clone();
        }
        let file = id
            .vpath()
            .realize(&self.root)
            .map_err(|_| FileError::AccessDenied)
            .and_then(|path| {
                fs::read(&path)
                    .map(Bytes::new)
                    .map_err(|e| FileError::from_io(e, &path))
            });
        self.files.lock().unwrap().insert(id, file.clone());
        file
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl Project {
    /// Compiles the project with Typst alone.
    pub fn compile(&self) -> typst_layout::PagedDocument {
        let warned = typst::compile::<typst_layout::PagedDocument>(self);
        match warned.output {
            Ok(document) => document,
            Err(errors) => panic!("the project does not compile: {errors:?}"),
        }
    }
}
