//! Throughput of each stage over realistic text: a sentence, a paragraph, a
//! ~10 KB article and a ~1 MB batch. Reports MB/s (criterion's
//! throughput); articles/s is MB/s divided by the article size.
//!
//! Text: the dev corpus beside the repository (`../shared/corpus/dev`) when
//! it is there, else the example article.
//!
//! Run: `cargo bench --bench extract`

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hoidam::{normalize, Extractor, ExtractorBuilder};
use std::path::Path;

fn texts() -> Vec<(&'static str, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let mut corpus = String::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        for f in files {
            corpus.push_str(&std::fs::read_to_string(f).unwrap());
            corpus.push('\n');
        }
    }
    if corpus.is_empty() {
        corpus = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/article.txt")).unwrap();
    }
    let sentence = corpus.lines().find(|l| l.len() > 150).unwrap_or(&corpus).to_string();
    let paragraph: String = corpus.lines().filter(|l| l.len() > 150).take(4).collect::<Vec<_>>().join("\n");
    let article = cut(&corpus, 10_000);
    let mut batch = String::new();
    while batch.len() < 1_000_000 {
        batch.push_str(&corpus);
    }
    vec![("sentence", sentence), ("paragraph", paragraph), ("article", article), ("batch", batch)]
}

fn cut(s: &str, n: usize) -> String {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let x = Extractor::new();
    // Check the answers once, outside the timed loops.
    let doc = x.extract(&texts[2].1);
    assert!(doc.mentions.len() > 20, "the article yields mentions");
    assert!(x.count_matches(&normalize(&texts[2].1)) > 20);

    c.bench_function("build/default", |b| b.iter(|| ExtractorBuilder::new().build().unwrap()));

    let mut g = c.benchmark_group("normalize");
    for (name, text) in &texts {
        g.throughput(Throughput::Bytes(text.len() as u64));
        if *name == "batch" {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| normalize(black_box(t))));
    }
    g.finish();

    // The automaton's matches over already-normalised text: the floor.
    let mut g = c.benchmark_group("scan");
    for (name, text) in &texts {
        let n = normalize(text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        if *name == "batch" {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(name), &n, |b, n| b.iter(|| x.count_matches(black_box(n))));
    }
    g.finish();

    let mut g = c.benchmark_group("extract");
    for (name, text) in &texts {
        g.throughput(Throughput::Bytes(text.len() as u64));
        if *name == "batch" {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| x.extract(black_box(t))));
    }
    g.finish();
}

/// Cost per byte for 1×, 10× and 100× the same article, and for hostile
/// text: 10,000 titles in a row, a trigger word repeated 100,000 times, one
/// 5 MB line, 5,000 meetings with counterparts. Each should stay near the
/// 1× figure (criterion's MiB/s).
fn scaling(c: &mut Criterion) {
    let texts = texts();
    let article = &texts[2].1;
    let x = Extractor::new();
    let mut cases: Vec<(String, String)> =
        [1, 10, 100].iter().map(|&n| (format!("article_x{n}"), article.repeat(n))).collect();
    cases.push(("titles_10000".into(), "Thứ trưởng Bộ Quốc phòng Hàn Quốc, ".repeat(10_000)));
    cases.push(("trigger_100000".into(), "gặp ".repeat(100_000)));
    // Event-heavy: a meeting per sentence, with counterparts to resolve
    // and verbs after a subject.
    cases.push((
        "meetings_5000".into(),
        "Bộ trưởng Quốc phòng Việt Nam Nguyễn Văn An hội đàm với người đồng cấp Lào. \
         Sau đó, ông Nguyễn Văn An tiếp Đại sứ Nhật Bản Tanaka Ken và thăm Học viện Quốc phòng. "
            .repeat(5_000),
    ));
    let line: String = article.replace('\n', " ");
    let mut long = String::new();
    while long.len() < 5_000_000 {
        long.push_str(&line);
        long.push(' ');
    }
    cases.push(("one_5mb_line".into(), long));
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for (name, text) in &cases {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| x.extract(black_box(t))));
    }
    g.finish();
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);
