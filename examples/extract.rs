//! Run hoidam on articles.
//!
//! ```text
//! extract [--published YYYY-MM-DD] [--explain] [--gazetteer KIND=FILE]... FILE...
//! extract --jsonl [--explain] [--gazetteer KIND=FILE]... < batch.jsonl
//! ```
//!
//! With files: one pretty JSON document per file (`id` = file stem).
//! With `--jsonl`: reads `{"id", "text", "published"}` records from stdin and
//! prints one compact JSON line per record, in input order, using every
//! core; a bad record prints `{"id": …, "error": …}` on its line and the
//! batch goes on. `--explain` prints the readable `render()` form instead.
//! `--gazetteer trigger=my_triggers.tsv` adds a user list (kinds: country,
//! rank, title, modifier, organization, org_head, location, trigger,
//! honorific, surname, boilerplate). Exit status 1 if any input failed, 2 on bad usage.

use hoidam::{Document, Extractor, GazetteerKind, Options};
use serde_json::{json, Value};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

struct Args {
    jsonl: bool,
    explain: bool,
    published: Option<String>,
    gazetteers: Vec<(GazetteerKind, String)>,
    files: Vec<String>,
}

const USAGE: &str = "usage: extract [--published YYYY-MM-DD] [--explain] [--gazetteer KIND=FILE]... FILE...\n       extract --jsonl [--explain] [--gazetteer KIND=FILE]... < batch.jsonl";

fn parse_args() -> Result<Args, String> {
    let mut a = Args { jsonl: false, explain: false, published: None, gazetteers: Vec::new(), files: Vec::new() };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => a.jsonl = true,
            "--explain" => a.explain = true,
            "--published" => a.published = Some(it.next().ok_or("--published needs a date")?),
            "--gazetteer" => {
                let spec = it.next().ok_or("--gazetteer needs KIND=FILE")?;
                let (kind, file) = spec.split_once('=').ok_or("--gazetteer needs KIND=FILE")?;
                let kind: GazetteerKind = kind.parse().map_err(|e: hoidam::Error| e.to_string())?;
                a.gazetteers.push((kind, file.to_string()));
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => a.files.push(arg),
        }
    }
    if !a.jsonl && a.files.is_empty() {
        return Err("no input: give FILE... or --jsonl".into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("extract: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let extractor = match build(&args.gazetteers) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("extract: {e}");
            return ExitCode::from(2);
        }
    };
    let ok = if args.jsonl { run_jsonl(&extractor, args.explain) } else { run_files(&extractor, &args) };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn build(extra: &[(GazetteerKind, String)]) -> Result<Extractor, String> {
    if extra.is_empty() {
        return Extractor::builder().build().map_err(|e| e.to_string());
    }
    let mut b = Extractor::builder();
    for (kind, file) in extra {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        b.gazetteer_named(*kind, file, &text);
    }
    b.build().map_err(|e| e.to_string())
}

fn run_files(x: &Extractor, args: &Args) -> bool {
    let mut base = Options::default();
    if let Some(p) = &args.published {
        match base.with_published(p) {
            Ok(o) => base = o,
            Err(e) => {
                eprintln!("extract: {e}");
                return false;
            }
        }
    }
    let mut ok = true;
    let stdout = io::stdout();
    for file in &args.files {
        let id = Path::new(file).file_stem().map_or(file.clone(), |s| s.to_string_lossy().into_owned());
        let text = match read_text(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("extract: {e}");
                ok = false;
                continue;
            }
        };
        let doc = x.extract_with(&text, &base.clone().with_id(id));
        let out = if args.explain {
            doc.render()
        } else {
            serde_json::to_string_pretty(&doc).expect("documents serialise") + "\n"
        };
        if stdout.lock().write_all(out.as_bytes()).is_err() {
            return false;
        }
    }
    ok
}

/// A file's text, or an error naming the file and the first bad byte.
fn read_text(file: &str) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("{file}: not UTF-8 text: invalid byte at offset {at}")
    })
}

/// One JSONL record → its output line, and whether it succeeded.
fn process_line(x: &Extractor, line: &str, explain: bool) -> (String, bool) {
    let fail = |id: Value, msg: String| (json!({ "id": id, "error": msg }).to_string(), false);
    let rec: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return fail(Value::Null, format!("not a JSON record: {e}")),
    };
    let id = rec.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = rec.get("text").and_then(Value::as_str) else {
        return fail(id, "record has no \"text\" string".into());
    };
    let mut opts = Options::default();
    match &id {
        Value::String(s) => opts.id = Some(s.clone()),
        Value::Null => {}
        other => opts.id = Some(other.to_string()),
    }
    match rec.get("published") {
        None | Some(Value::Null) => {}
        Some(Value::String(p)) => match opts.clone().with_published(p) {
            Ok(o) => opts = o,
            Err(e) => return fail(id, e.to_string()),
        },
        Some(other) => return fail(id, format!("\"published\" must be a YYYY-MM-DD string, not {other}")),
    }
    let doc: Document = x.extract_with(text, &opts);
    if explain {
        (format!("# {}\n{}", opts.id.as_deref().unwrap_or(""), doc.render()), true)
    } else if id.is_string() || id.is_null() {
        (serde_json::to_string(&doc).expect("documents serialise"), true)
    } else {
        // Keep a non-string id as it was given (a number, say).
        let mut v = serde_json::to_value(&doc).expect("documents serialise");
        v["id"] = id;
        (v.to_string(), true)
    }
}

/// Stream stdin in chunks; each chunk is split across the cores and written
/// in input order, so memory stays bounded by the chunk.
fn run_jsonl(x: &Extractor, explain: bool) -> bool {
    const CHUNK: usize = 512;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let progress = io::stderr().is_terminal();
    let mut all_ok = true;
    let mut done = 0usize;
    let mut bytes_done = 0usize;
    let mut lines: Vec<Result<String, String>> = Vec::with_capacity(CHUNK);
    let mut eof = false;
    while !eof {
        lines.clear();
        while lines.len() < CHUNK {
            let mut buf = Vec::new();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(n) => {
                    bytes_done += n;
                    let n = lines.len() + done + 1;
                    lines.push(String::from_utf8(buf).map_err(|e| {
                        format!("line {n} is not UTF-8: invalid byte at offset {}", e.utf8_error().valid_up_to())
                    }));
                }
                Err(e) => {
                    eprintln!("extract: reading stdin: {e}");
                    eof = true;
                    all_ok = false;
                    break;
                }
            }
        }
        let work: Vec<(usize, &Result<String, String>)> =
            lines.iter().enumerate().filter(|(_, l)| l.as_ref().map_or(true, |s| !s.trim().is_empty())).collect();
        // Workers take the next record from a shared counter, so one slow
        // article does not hold a whole share of the chunk back.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::OnceLock<(String, bool)>> =
            (0..work.len()).map(|_| std::sync::OnceLock::new()).collect();
        std::thread::scope(|s| {
            for _ in 0..threads.min(work.len()) {
                s.spawn(|| loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((_, line)) = work.get(k) else { break };
                    let out = match line {
                        Ok(l) => process_line(x, l.trim_end_matches(['\n', '\r']), explain),
                        Err(e) => (json!({ "id": null, "error": e }).to_string(), false),
                    };
                    let _ = slots[k].set(out);
                });
            }
        });
        let results: Vec<(String, bool)> =
            slots.into_iter().map(|c| c.into_inner().expect("every record is processed")).collect();
        for (line, ok) in &results {
            all_ok &= ok;
            if writeln!(out, "{line}").is_err() {
                return false;
            }
        }
        done += lines.len();
        if progress && bytes_done > 4 << 20 {
            eprint!("\rextract: {done} records, {} MB", bytes_done >> 20);
        }
    }
    if progress && bytes_done > 4 << 20 {
        eprintln!();
    }
    let _ = out.flush();
    all_ok
}
